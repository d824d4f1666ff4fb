package dev.localkms.sdk;

/** An error reply as an official SDK surfaced it: the {@code Code} and the HTTP status. */
public class SdkError extends RuntimeException {

    private final String code;
    private final int status;

    public SdkError(String code, int status, String message, Throwable cause) {
        super(code + " (HTTP " + status + "): " + message, cause);
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }
}
