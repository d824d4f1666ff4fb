package dev.localkms.error;

import org.springframework.http.HttpStatus;

/**
 * Catalogue of the error replies the service sends: HTTP status, {@code Code} and default
 * {@code Message}, spelled as Alibaba Cloud documents them for KMS, RAM and the API gateway.
 */
public enum ErrorCode {

    // Gateway: request shape, signatures and access keys.
    MISSING_PARAMETER(HttpStatus.BAD_REQUEST, "MissingParameter", "The parameter \"%s\" is needed but not provided."),
    INVALID_PARAMETER(HttpStatus.BAD_REQUEST, "InvalidParameter", "The specified parameter is not valid."),
    INVALID_ACTION(HttpStatus.NOT_FOUND, "InvalidAction.NotFound",
            "Specified api is not found, please check your url and method."),
    INVALID_VERSION(HttpStatus.BAD_REQUEST, "InvalidVersion", "Specified parameter Version is not valid."),
    UNSUPPORTED_HTTP_METHOD(HttpStatus.FORBIDDEN, "UnsupportedHTTPMethod", "This http method is not supported."),
    ACCESS_KEY_NOT_FOUND(HttpStatus.NOT_FOUND, "InvalidAccessKeyId.NotFound", "Specified access key is not found."),
    ACCESS_KEY_INACTIVE(HttpStatus.BAD_REQUEST, "InvalidAccessKeyId.Inactive", "Specified access key is disabled."),
    SIGNATURE_DOES_NOT_MATCH(HttpStatus.BAD_REQUEST, "SignatureDoesNotMatch",
            "Specified signature is not matched with our calculation. server string to sign is:%s"),
    INCOMPLETE_SIGNATURE(HttpStatus.BAD_REQUEST, "IncompleteSignature",
            "The request signature does not conform to Aliyun standards."),
    TIMESTAMP_EXPIRED(HttpStatus.BAD_REQUEST, "InvalidTimeStamp.Expired",
            "Specified time stamp or date value is expired."),
    ILLEGAL_TIMESTAMP(HttpStatus.BAD_REQUEST, "IllegalTimestamp",
            "The input parameter \"Timestamp\" that is mandatory for processing this request is not supplied."),
    SIGNATURE_NONCE_USED(HttpStatus.BAD_REQUEST, "SignatureNonceUsed", "Specified signature nonce was used already."),
    // Web console errors; Alibaba's console has no API, so these codes are this service's own.
    ACCESS_KEY_SECRET_MISMATCH(HttpStatus.BAD_REQUEST, "InvalidAccessKeySecret",
            "The AccessKeySecret does not match the AccessKeyId."),
    CONSOLE_SESSION_REQUIRED(HttpStatus.UNAUTHORIZED, "Console.SessionRequired",
            "Sign in to the console: the session is missing, expired or signed out."),
    CONSOLE_HEADER_MISSING(HttpStatus.FORBIDDEN, "Console.MissingHeader",
            "Console requests must carry the X-KMS-Console header."),
    THROTTLING(HttpStatus.TOO_MANY_REQUESTS, "Rejected.Throttling", "QPS Limit Exceeded"),
    INTERNAL_FAILURE(HttpStatus.INTERNAL_SERVER_ERROR, "InternalFailure", "Internal Failure."),
    SERVICE_UNAVAILABLE_TEMPORARY(HttpStatus.SERVICE_UNAVAILABLE, "ServiceUnavailableTemporary",
            "Service Unavailable Temporary."),

    // KMS service errors.
    NO_PERMISSION(HttpStatus.FORBIDDEN, "Forbidden.NoPermission", "This operation is forbidden by permission system."),
    KEY_NOT_FOUND(HttpStatus.NOT_FOUND, "Forbidden.KeyNotFound", "The specified Key is not found."),
    ALIAS_NOT_FOUND(HttpStatus.NOT_FOUND, "Forbidden.AliasNotFound", "The specified Alias is not found."),
    KEY_VERSION_NOT_FOUND(HttpStatus.NOT_FOUND, "Forbidden.KeyVersionNotFound",
            "The specified Key version is not found."),
    ALIAS_ALREADY_EXISTS(HttpStatus.BAD_REQUEST, "AliasAlreadyExists", "AliasName Already Exists."),
    LIMIT_EXCEEDED(HttpStatus.BAD_REQUEST, "Rejected.LimitExceeded",
            "The request was rejected because user create resource limit was exceeded."),
    UNSUPPORTED_ALIAS(HttpStatus.BAD_REQUEST, "Unsupported.Alias", "Alias is not valid for this api."),
    UNSUPPORTED_OPERATION(HttpStatus.BAD_REQUEST, "UnsupportedOperation", "This action is not supported."),
    STATE_MODIFIED_FAILED(HttpStatus.CONFLICT, "Rejected.StateModifiedFailed", "Keystate modified failed."),
    KEY_DISABLED(HttpStatus.CONFLICT, "Rejected.Disabled",
            "The request was rejected because the key state is Disabled."),
    KEY_PENDING_DELETION(HttpStatus.CONFLICT, "Rejected.PendingDeletion",
            "The request was rejected because the key state is PendingDeletion."),
    KEY_PENDING_IMPORT(HttpStatus.CONFLICT, "Rejected.PendingImport",
            "The request was rejected because the key state is PendingImport."),

    // RAM errors.
    RAM_NO_PERMISSION(HttpStatus.FORBIDDEN, "NoPermission", "You are not authorized to do this action."),
    USER_NAME_INVALID_CHARS(HttpStatus.BAD_REQUEST, "InvalidParameter.UserName.InvalidChars",
            "The parameter - \"UserName\" contains invalid chars."),
    USER_NAME_LENGTH(HttpStatus.BAD_REQUEST, "InvalidParameter.UserName.Length",
            "The parameter - \"UserName\" beyond the length limit."),
    DISPLAY_NAME_INVALID_CHARS(HttpStatus.BAD_REQUEST, "InvalidParameter.DisplayName.InvalidChars",
            "The parameter - \"DisplayName\" contains invalid chars."),
    DISPLAY_NAME_LENGTH(HttpStatus.BAD_REQUEST, "InvalidParameter.DisplayName.Length",
            "The parameter - \"DisplayName\" beyond the length limit."),
    COMMENTS_LENGTH(HttpStatus.BAD_REQUEST, "InvalidParameter.Comments.Length",
            "The parameter - \"Comments\" beyond the length limit."),
    MOBILE_PHONE_FORMAT(HttpStatus.BAD_REQUEST, "InvalidParameter.MobilePhone.Format",
            "The format of the parameter - \"MobilePhone\" is incorrect."),
    EMAIL_FORMAT(HttpStatus.BAD_REQUEST, "InvalidParameter.Email.Format",
            "The format of the parameter - \"Email\" is incorrect."),
    POLICY_TYPE_INVALID(HttpStatus.BAD_REQUEST, "InvalidParameter.PolicyType",
            "The parameter - \"PolicyType\" is incorrect."),
    POLICY_NAME_INVALID_CHARS(HttpStatus.BAD_REQUEST, "InvalidParameter.PolicyName.InvalidChars",
            "The parameter - \"PolicyName\" contains invalid chars."),
    POLICY_NAME_LENGTH(HttpStatus.BAD_REQUEST, "InvalidParameter.PolicyName.Length",
            "The parameter - \"PolicyName\" beyond the length limit."),
    POLICY_DOCUMENT_LENGTH(HttpStatus.BAD_REQUEST, "InvalidParameter.PolicyDocument.Length",
            "The parameter - \"PolicyDocument\" beyond the length limit."),
    DESCRIPTION_LENGTH(HttpStatus.BAD_REQUEST, "InvalidParameter.Description.Length",
            "The parameter - \"Description\" beyond the length limit."),
    MALFORMED_POLICY_DOCUMENT(HttpStatus.BAD_REQUEST, "MalformedPolicyDocument", "The policy document is invalid."),
    USER_NOT_FOUND(HttpStatus.NOT_FOUND, "EntityNotExist.User", "The user does not exist."),
    USER_ACCESS_KEY_NOT_FOUND(HttpStatus.NOT_FOUND, "EntityNotExist.User.AccessKey",
            "The user access key does not exist."),
    USER_POLICY_NOT_FOUND(HttpStatus.NOT_FOUND, "EntityNotExist.User.Policy",
            "The indicate policy of the user does not exist."),
    POLICY_NOT_FOUND(HttpStatus.NOT_FOUND, "EntityNotExist.Policy", "The policy does not exist."),
    USER_ALREADY_EXISTS(HttpStatus.CONFLICT, "EntityAlreadyExists.User", "The user does already EXIST."),
    USER_POLICY_ALREADY_EXISTS(HttpStatus.CONFLICT, "EntityAlreadyExists.User.Policy",
            "The user has already been attached this policy."),
    POLICY_ALREADY_EXISTS(HttpStatus.CONFLICT, "EntityAlreadyExists.Policy", "The policy does already EXIST."),
    USER_HAS_ACCESS_KEY(HttpStatus.CONFLICT, "DeleteConflict.User.AccessKey",
            "The user CAN NOT has any access key while deleting the user."),
    USER_HAS_POLICY(HttpStatus.CONFLICT, "DeleteConflict.User.Policy",
            "The user CAN NOT has any attached policy while deleting the user."),
    POLICY_HAS_USER(HttpStatus.CONFLICT, "DeleteConflict.Policy.User",
            "The policy CAN NOT been attached to any user while deleting the policy."),
    USER_LIMIT_EXCEEDED(HttpStatus.CONFLICT, "LimitExceeded.User", "The count of users beyond the current limits."),
    ACCESS_KEY_LIMIT_EXCEEDED(HttpStatus.CONFLICT, "LimitExceeded.User.AccessKey",
            "The access key count of the user access keys beyond the current limits."),
    USER_POLICY_LIMIT_EXCEEDED(HttpStatus.CONFLICT, "LimitExceeded.User.Policy",
            "The policy count of the user attached policies beyond the current limits."),
    POLICY_LIMIT_EXCEEDED(HttpStatus.CONFLICT, "LimitExceeded.Policy", "The count of policy beyond the current limits.");

    private final HttpStatus status;
    private final String code;
    private final String message;

    ErrorCode(HttpStatus status, String code, String message) {
        this.status = status;
        this.code = code;
        this.message = message;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Returns the documented message, with any {@code %s} placeholders still in it. */
    public String messageTemplate() {
        return message;
    }
}
