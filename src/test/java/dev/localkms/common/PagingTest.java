package dev.localkms.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PagingTest {

    private static final List<Integer> TWENTY_FIVE = IntStream.rangeClosed(1, 25).boxed().toList();

    @ParameterizedTest(name = "page {0} of size {1}")
    @CsvSource({
        // pageNumber, pageSize, first entry, entry count
        "1,   10,  1, 10",
        "2,   10, 11, 10",
        "3,   10, 21,  5",
        "1,    1,  1,  1",
        "25,   1, 25,  1",
        "1,  100,  1, 25",
        "1,   25,  1, 25",
        "2,   24, 25,  1"
    })
    void sliceReturnsPage(int pageNumber, int pageSize, int first, int count) {
        List<Integer> page = new Paging(pageNumber, pageSize).slice(TWENTY_FIVE);

        assertThat(page).isEqualTo(IntStream.range(first, first + count).boxed().toList());
    }

    @ParameterizedTest(name = "page {0} of size {1}")
    @CsvSource({
        "4,          10",
        "26,          1",
        "2,          25",
        "2,         100",
        "2147483647, 100"
    })
    void slicePastEndIsEmpty(int pageNumber, int pageSize) {
        assertThat(new Paging(pageNumber, pageSize).slice(TWENTY_FIVE)).isEmpty();
    }

    @ParameterizedTest(name = "page {0} of size {1}")
    @CsvSource({"1, 10", "2, 10"})
    void sliceOfEmptyListIsEmpty(int pageNumber, int pageSize) {
        assertThat(new Paging(pageNumber, pageSize).slice(List.of())).isEmpty();
    }
}
