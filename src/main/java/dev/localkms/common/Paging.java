package dev.localkms.common;

import java.util.List;

/**
 * A requested page of a list: {@code PageNumber} from 1 and {@code PageSize} from 1 to 100.
 *
 * @param pageNumber the 1-based page number
 * @param pageSize the number of entries per page
 */
public record Paging(int pageNumber, int pageSize) {

    public static final int DEFAULT_PAGE_SIZE = 10;
    public static final int MAX_PAGE_SIZE = 100;

    /** Returns the entries of this page; a page past the end is empty. */
    public <T> List<T> slice(List<T> all) {
        long from = (long) (pageNumber - 1) * pageSize;
        if (from >= all.size()) {
            return List.of();
        }
        int to = (int) Math.min(all.size(), from + pageSize);
        return all.subList((int) from, to);
    }
}
