package io.lakelet.dynamodb.operations;

import io.lakelet.dynamodb.expressions.Condition;
import io.lakelet.dynamodb.expressions.Documents;
import io.lakelet.dynamodb.expressions.Evaluator;
import io.lakelet.dynamodb.expressions.Path;
import io.lakelet.dynamodb.model.AttributeValues;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One page of a Scan or Query, read as DynamoDB reads: up to {@code Limit} items or 1 MB are evaluated,
 * the filter is applied to what was evaluated, and the key of the last evaluated item is returned when
 * the page stopped early.
 *
 * @param items the matching items, projected
 * @param scannedCount how many items were evaluated
 * @param lastEvaluatedKey where the next page starts, or null
 */
record Page(List<Map<String, AttributeValue>> items, int scannedCount, Map<String, AttributeValue> lastEvaluatedKey) {
    private static final long MAX_PAGE_BYTES = 1024 * 1024;

    /** How a read treats each evaluated item. */
    record Reading(Integer limit, Condition filter, List<String> keyNames, List<String> projectedNames,
                   List<Path> projection) {
    }

    static Page read(Iterator<Map<String, AttributeValue>> candidates, Reading r) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        int scanned = 0;
        long bytes = 0;
        while (candidates.hasNext()) {
            Map<String, AttributeValue> item = candidates.next();
            scanned++;
            bytes += AttributeValues.itemSize(item);
            if (Evaluator.test(r.filter(), item)) {
                out.add(project(item, r));
            }
            if ((r.limit() != null && scanned >= r.limit()) || bytes >= MAX_PAGE_BYTES) {
                Map<String, AttributeValue> last = new LinkedHashMap<>();
                r.keyNames().forEach(n -> last.put(n, item.get(n)));
                return new Page(out, scanned, last);
            }
        }
        return new Page(out, scanned, null);
    }

    private static Map<String, AttributeValue> project(Map<String, AttributeValue> item, Reading r) {
        Map<String, AttributeValue> visible = item;
        if (r.projectedNames() != null) {
            visible = new LinkedHashMap<>();
            for (String n : r.projectedNames()) {
                if (item.containsKey(n)) {
                    visible.put(n, item.get(n));
                }
            }
        }
        return r.projection() == null ? visible : Documents.project(visible, r.projection());
    }
}
