package dev.localkms.error;

import dev.localkms.common.Messages;

/**
 * Error reply of the emulated service: an {@link ErrorCode} and the message sent to the client.
 * Services throw it, and the API layer renders it as Alibaba's error body.
 */
public class KmsException extends RuntimeException {

    private final ErrorCode errorCode;
    private final transient Object accessDeniedDetail;

    private KmsException(ErrorCode errorCode, String message, Object accessDeniedDetail) {
        super(message, null, false, false);
        this.errorCode = errorCode;
        this.accessDeniedDetail = accessDeniedDetail;
    }

    /** Creates the error with its documented message, formatting any placeholders with {@code args}. */
    public static KmsException of(ErrorCode errorCode, Object... args) {
        return new KmsException(errorCode, errorCode.messageTemplate().formatted(args), null);
    }

    /** Creates the error with a message that names the value and the rule it broke. */
    public static KmsException withMessage(ErrorCode errorCode, String message) {
        return new KmsException(errorCode, message, null);
    }

    /** Creates a permission error whose reply carries {@code AccessDeniedDetail}. */
    public static KmsException accessDenied(ErrorCode errorCode, String message, Object accessDeniedDetail) {
        return new KmsException(errorCode, message, accessDeniedDetail);
    }

    /** Creates {@code MissingParameter} for the named parameter. */
    public static KmsException missingParameter(String name) {
        return of(ErrorCode.MISSING_PARAMETER, name);
    }

    /** Creates {@code InvalidParameter} with a message that names the parameter, its value and the rule. */
    public static KmsException invalidParameter(String name, String value, String rule) {
        return withMessage(ErrorCode.INVALID_PARAMETER,
                "The specified parameter \"%s\" is not valid: \"%s\" %s."
                        .formatted(name, Messages.abbreviate(value), rule));
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    /** Returns the {@code AccessDeniedDetail} object of a permission error, or null. */
    public Object accessDeniedDetail() {
        return accessDeniedDetail;
    }
}
