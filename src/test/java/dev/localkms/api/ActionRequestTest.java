package dev.localkms.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.localkms.common.Paging;
import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ActionRequestTest {

    @ParameterizedTest(name = "PageNumber={0} PageSize={1}")
    @CsvSource(nullValues = "absent", value = {
        // PageNumber, PageSize, expected page number, expected page size
        "absent,     absent, 1,          10",
        "'',         '',     1,          10",
        "1,          1,      1,           1",
        "1,          100,    1,         100",
        "7,          absent, 7,          10",
        "absent,     55,     1,          55",
        "2147483647, 10,     2147483647, 10"
    })
    void pagingAcceptsValuesWithinBounds(String pageNumber, String pageSize, int expectedNumber, int expectedSize) {
        Paging paging = request(pageNumber, pageSize).paging();

        assertThat(paging).isEqualTo(new Paging(expectedNumber, expectedSize));
    }

    @ParameterizedTest(name = "PageNumber={0} PageSize={1}")
    @CsvSource(nullValues = "absent", value = {
        // PageNumber, PageSize, parameter named in the error, value named in the error
        "absent,      0,            PageSize,   0",
        "absent,      101,          PageSize,   101",
        "absent,      -1,           PageSize,   -1",
        "absent,      abc,          PageSize,   abc",
        "absent,      1.5,          PageSize,   1.5",
        "absent,      10a,          PageSize,   10a",
        "absent,      99999999999,  PageSize,   99999999999",
        "0,           absent,       PageNumber, 0",
        "-3,          absent,       PageNumber, -3",
        "one,         absent,       PageNumber, one",
        "2147483648,  absent,       PageNumber, 2147483648"
    })
    void pagingRejectsValuesOutsideBounds(String pageNumber, String pageSize, String parameter, String value) {
        ActionRequest request = request(pageNumber, pageSize);

        assertThatThrownBy(request::paging).isInstanceOfSatisfying(KmsException.class, error -> {
            assertThat(error.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER);
            assertThat(error.getMessage()).contains("\"" + parameter + "\"", "\"" + value + "\"");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"absent", "empty"})
    void requiredRejectsMissingValue(String presence) {
        ActionRequest request = presence.equals("empty") ? request(Map.entry("KeyId", "")) : request();

        assertThatThrownBy(() -> request.required("KeyId")).isInstanceOfSatisfying(KmsException.class, error -> {
            assertThat(error.errorCode()).isEqualTo(ErrorCode.MISSING_PARAMETER);
            assertThat(error.getMessage()).contains("KeyId");
        });
    }

    private static ActionRequest request(String pageNumber, String pageSize) {
        List<Map.Entry<String, String>> parameters = new ArrayList<>();
        if (pageNumber != null) {
            parameters.add(Map.entry("PageNumber", pageNumber));
        }
        if (pageSize != null) {
            parameters.add(Map.entry("PageSize", pageSize));
        }
        return request(parameters.toArray(Map.Entry[]::new));
    }

    @SafeVarargs
    private static ActionRequest request(Map.Entry<String, String>... queryParameters) {
        RpcRequest rpcRequest = new RpcRequest("request-id", "GET", List.of(queryParameters), List.of(), Map.of(),
                new byte[0], "127.0.0.1", false);
        // Parameter accessors never read the caller.
        return new ActionRequest(rpcRequest, null);
    }
}
