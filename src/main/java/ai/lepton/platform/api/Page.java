package ai.lepton.platform.api;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list.
 *
 * @param items the items of this page
 * @param offset index of the first item
 * @param limit the page size asked for
 * @param total number of items in the whole list
 */
public record Page<T>(List<T> items, long offset, int limit, long total) {

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), offset, limit, total);
    }
}
