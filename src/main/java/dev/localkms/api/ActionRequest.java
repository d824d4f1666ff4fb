package dev.localkms.api;

import java.util.Optional;

import dev.localkms.auth.Caller;
import dev.localkms.common.Paging;
import dev.localkms.error.KmsException;

/**
 * The parameters of one action call with the caller it runs as. Handlers read parameters through the
 * typed accessors, which reject missing or malformed values with Alibaba's error codes.
 *
 * @param request the call as it arrived
 * @param caller who makes the call, in which account and region
 */
public record ActionRequest(RpcRequest request, Caller caller) {

    /** Returns a required parameter, or throws {@code MissingParameter} when it is absent or empty. */
    public String required(String name) {
        return optional(name).orElseThrow(() -> KmsException.missingParameter(name));
    }

    /** Returns an optional parameter; an empty value counts as absent. */
    public Optional<String> optional(String name) {
        return request.parameter(name).filter(value -> !value.isEmpty());
    }

    /** Returns an optional parameter, keeping an empty value, which some actions treat as "clear". */
    public Optional<String> optionalKeepingEmpty(String name) {
        return request.parameter(name);
    }

    /**
     * Returns an integer parameter within {@code [min, max]}, or {@code defaultValue} when it is absent.
     * A value that is not an integer or lies outside the range is {@code InvalidParameter}.
     */
    public int integer(String name, int defaultValue, int min, int max) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        return parseInteger(name, value.get(), min, max);
    }

    /** Returns a required integer parameter within {@code [min, max]}. */
    public int requiredInteger(String name, int min, int max) {
        return parseInteger(name, required(name), min, max);
    }

    private static int parseInteger(String name, String value, int min, int max) {
        int parsed;
        try {
            parsed = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            String rule = value.trim().matches("-?\\d+")
                    ? "must be between %d and %d".formatted(min, max)
                    : "is not an integer";
            throw KmsException.invalidParameter(name, value, rule);
        }
        if (parsed < min || parsed > max) {
            throw KmsException.invalidParameter(name, value, "must be between %d and %d".formatted(min, max));
        }
        return parsed;
    }

    /** Returns the page that {@code PageNumber} and {@code PageSize} ask for, checked against their bounds. */
    public Paging paging() {
        int pageNumber = integer("PageNumber", 1, 1, Integer.MAX_VALUE);
        int pageSize = integer("PageSize", Paging.DEFAULT_PAGE_SIZE, 1, Paging.MAX_PAGE_SIZE);
        return new Paging(pageNumber, pageSize);
    }

    /** Returns an optional {@code true}/{@code false} parameter, case-insensitively. */
    public Optional<Boolean> bool(String name) {
        return optional(name).map(value -> {
            if (value.equalsIgnoreCase("true")) {
                return true;
            }
            if (value.equalsIgnoreCase("false")) {
                return false;
            }
            throw KmsException.invalidParameter(name, value, "must be true or false");
        });
    }
}
