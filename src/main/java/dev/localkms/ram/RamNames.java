package dev.localkms.ram;

import java.util.regex.Pattern;

import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;
import dev.localkms.ram.policy.PolicyDocument;

/** The parameter rules of the RAM user and policy actions, each failing with RAM's own error code. */
public final class RamNames {

    static final int MAX_USER_NAME_LENGTH = 64;
    static final int MAX_DISPLAY_NAME_LENGTH = 128;
    static final int MAX_COMMENTS_LENGTH = 128;
    static final int MAX_EMAIL_LENGTH = 256;
    static final int MAX_POLICY_NAME_LENGTH = 128;
    static final int MAX_POLICY_DESCRIPTION_LENGTH = 1024;

    // The 2018 API pages allow "@" in user names, but newer pages list only letters, digits, ".", "-" and "_".
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9.@_-]+");
    // NOTE: Alibaba's pages disagree on the characters of display names, and only some allow "_" and spaces.
    // This rule accepts all of them: letters, digits, ".", "@", "-", "_", spaces and CJK ideographs.
    private static final Pattern DISPLAY_NAME = Pattern.compile("[A-Za-z0-9.@_ \\u4e00-\\u9fa5-]+");
    private static final Pattern MOBILE_PHONE = Pattern.compile("[0-9]{1,4}-[0-9]{1,20}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern POLICY_NAME = Pattern.compile("[A-Za-z0-9-]+");

    private RamNames() {
    }

    /** Checks a {@code UserName}: 1 to 64 letters, digits, {@code .}, {@code @}, {@code -} or {@code _}. */
    public static void verifyUserName(String userName) {
        if (userName.isEmpty() || userName.length() > MAX_USER_NAME_LENGTH) {
            throw KmsException.of(ErrorCode.USER_NAME_LENGTH);
        }
        if (!USER_NAME.matcher(userName).matches()) {
            throw KmsException.of(ErrorCode.USER_NAME_INVALID_CHARS);
        }
    }

    /** Checks a {@code DisplayName}, when present: 1 to 128 characters. */
    public static void verifyDisplayName(String displayName) {
        if (displayName == null) {
            return;
        }
        if (displayName.isEmpty() || displayName.length() > MAX_DISPLAY_NAME_LENGTH) {
            throw KmsException.of(ErrorCode.DISPLAY_NAME_LENGTH);
        }
        if (!DISPLAY_NAME.matcher(displayName).matches()) {
            throw KmsException.of(ErrorCode.DISPLAY_NAME_INVALID_CHARS);
        }
    }

    /** Checks user {@code Comments}, when present: at most 128 characters. */
    public static void verifyComments(String comments) {
        if (comments != null && comments.length() > MAX_COMMENTS_LENGTH) {
            throw KmsException.of(ErrorCode.COMMENTS_LENGTH);
        }
    }

    /** Checks a {@code MobilePhone}, when present: country code, hyphen, number, as in {@code 86-18688888888}. */
    public static void verifyMobilePhone(String mobilePhone) {
        if (mobilePhone != null && !MOBILE_PHONE.matcher(mobilePhone).matches()) {
            throw KmsException.of(ErrorCode.MOBILE_PHONE_FORMAT);
        }
    }

    /** Checks an {@code Email}, when present. */
    public static void verifyEmail(String email) {
        if (email != null && (email.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(email).matches())) {
            throw KmsException.of(ErrorCode.EMAIL_FORMAT);
        }
    }

    /** Checks a {@code PolicyName}: 1 to 128 letters, digits or {@code -}. */
    public static void verifyPolicyName(String policyName) {
        if (policyName.isEmpty() || policyName.length() > MAX_POLICY_NAME_LENGTH) {
            throw KmsException.of(ErrorCode.POLICY_NAME_LENGTH);
        }
        if (!POLICY_NAME.matcher(policyName).matches()) {
            throw KmsException.of(ErrorCode.POLICY_NAME_INVALID_CHARS);
        }
    }

    /** Checks a policy {@code Description}, when present: at most 1024 characters. */
    public static void verifyPolicyDescription(String description) {
        if (description != null && description.length() > MAX_POLICY_DESCRIPTION_LENGTH) {
            throw KmsException.of(ErrorCode.DESCRIPTION_LENGTH);
        }
    }

    /**
     * Checks a {@code PolicyDocument}: at most 6144 characters, and valid in the policy grammar.
     *
     * @return the parsed document
     * @throws KmsException {@code InvalidParameter.PolicyDocument.Length} or {@code MalformedPolicyDocument}
     */
    public static PolicyDocument verifyPolicyDocument(String policyDocument) {
        if (policyDocument.length() > RamLimits.POLICY_DOCUMENT_LENGTH) {
            throw KmsException.withMessage(ErrorCode.POLICY_DOCUMENT_LENGTH,
                    "The parameter - \"PolicyDocument\" beyond the length limit: it is %d characters long; the limit is %d."
                            .formatted(policyDocument.length(), RamLimits.POLICY_DOCUMENT_LENGTH));
        }
        return PolicyDocument.parse(policyDocument);
    }
}
