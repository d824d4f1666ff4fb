package dev.localkms.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;

import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CryptoKeyStateTest {

    @Test
    void enabledKeyIsUsable() {
        assertThatNoException().isThrownBy(() -> KeyMaterialService.verifyUsable(key(KeyState.ENABLED)));
    }

    @ParameterizedTest
    @CsvSource({
            "DISABLED,         KEY_DISABLED",
            "PENDING_DELETION, KEY_PENDING_DELETION",
            "PENDING_IMPORT,   KEY_PENDING_IMPORT"})
    void otherStatesAreRejected(KeyState state, ErrorCode expected) {
        KeyEntity key = key(state);

        KmsException error = catchThrowableOfType(KmsException.class, () -> KeyMaterialService.verifyUsable(key));

        assertThat(error).as("error").isNotNull();
        assertThat(error.errorCode()).isEqualTo(expected);
        assertThat(error.errorCode().status().value()).isEqualTo(409);
        assertThat(error.getMessage()).as("message").startsWith(expected.messageTemplate()).contains(key.getId());
    }

    private static KeyEntity key(KeyState state) {
        KeyEntity key = new KeyEntity("key-under-test", "1234567890123456", "cn-hangzhou",
                new KeySpecification("Aliyun_AES_256", "ENCRYPT/DECRYPT", "Aliyun_KMS", "SOFTWARE"), "",
                "00000000-0000-0000-0000-000000000000", Instant.EPOCH);
        key.setKeyState(state);
        return key;
    }
}
