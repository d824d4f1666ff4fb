package dev.localkms.auth.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * The signature check compares with {@code MessageDigest.isEqual}, whose time does not depend on where two
 * values differ, and never with an early-exit comparison that would let a caller guess a signature byte by
 * byte from response times.
 */
class ConstantTimeComparisonTest {

    private final JavaClass verifier = new ClassFileImporter().importClass(SignatureVerifier.class);

    @Test
    void everyCheckUsesTheComparison() {
        List<String> callers = verifier.getMethodCallsFromSelf().stream()
                .filter(call -> call.getTarget().getName().equals("matches"))
                .map(call -> call.getOrigin().getName())
                .distinct()
                .toList();

        assertThat(callers).containsExactlyInAnyOrder("verifyRpcV1", "verifyAcs3");
    }

    @Test
    void signaturesAreComparedWithIsEqual() {
        assertThat(calls()).contains("java.security.MessageDigest.isEqual");
    }

    @Test
    void noEarlyExitComparison() {
        assertThat(calls()).doesNotContain("java.lang.String.equals", "java.lang.String.equalsIgnoreCase",
                "java.lang.String.contentEquals", "java.util.Arrays.equals", "java.util.Objects.equals");
    }

    /** Returns the methods that {@code matches}, the comparison of claimed and computed signatures, calls. */
    private List<String> calls() {
        return verifier.getMethodCallsFromSelf().stream()
                .filter(call -> call.getOrigin().getName().equals("matches"))
                .map(JavaMethodCall::getTarget)
                .map(target -> target.getOwner().getName() + "." + target.getName())
                .toList();
    }
}
