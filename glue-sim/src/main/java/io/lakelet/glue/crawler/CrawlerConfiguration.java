package io.lakelet.glue.crawler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakelet.glue.catalog.GlueErrors;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;

/**
 * A crawler's Configuration JSON (Version 1.0), with the options Lakelet carries out:
 * {@code CrawlerOutput.Partitions.AddOrUpdateBehavior = InheritFromTable},
 * {@code CrawlerOutput.Tables.AddOrUpdateBehavior = MergeNewColumns},
 * {@code CrawlerOutput.Tables.TableThreshold}, {@code Grouping.TableGroupingPolicy =
 * CombineCompatibleSchemas}, {@code Grouping.TableLevelConfiguration} and {@code CreatePartitionIndex}.
 * Anything else is refused with InvalidInputException rather than stored and ignored.
 */
public record CrawlerConfiguration(boolean inheritFromTable, boolean mergeNewColumns, Integer tableThreshold,
                                   boolean combineCompatibleSchemas, Integer tableLevel,
                                   boolean createPartitionIndex) {
    public static final CrawlerConfiguration DEFAULT = new CrawlerConfiguration(false, false, null, false, null,
            false);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static CrawlerConfiguration parse(String json) {
        if (json == null || json.isBlank()) {
            return DEFAULT;
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            throw invalid("the configuration is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw invalid("the configuration must be a JSON object");
        }
        only(root, "", Set.of("Version", "CrawlerOutput", "Grouping", "CreatePartitionIndex"));
        JsonNode version = root.get("Version");
        if (version == null || !version.isNumber() || version.asDouble() != 1.0) {
            throw invalid("Version must be 1.0");
        }
        boolean inherit = false;
        boolean merge = false;
        Integer threshold = null;
        JsonNode out = root.get("CrawlerOutput");
        if (out != null) {
            only(out, "CrawlerOutput.", Set.of("Partitions", "Tables"));
            JsonNode p = out.get("Partitions");
            if (p != null) {
                only(p, "CrawlerOutput.Partitions.", Set.of("AddOrUpdateBehavior"));
                inherit = expect(p, "AddOrUpdateBehavior", "InheritFromTable", "CrawlerOutput.Partitions.");
            }
            JsonNode t = out.get("Tables");
            if (t != null) {
                only(t, "CrawlerOutput.Tables.", Set.of("AddOrUpdateBehavior", "TableThreshold"));
                merge = expect(t, "AddOrUpdateBehavior", "MergeNewColumns", "CrawlerOutput.Tables.");
                JsonNode th = t.get("TableThreshold");
                if (th != null) {
                    if (!th.canConvertToInt() || th.asInt() < 1) {
                        throw invalid("CrawlerOutput.Tables.TableThreshold must be a positive integer");
                    }
                    threshold = th.asInt();
                }
            }
        }
        boolean combine = false;
        Integer level = null;
        JsonNode g = root.get("Grouping");
        if (g != null) {
            only(g, "Grouping.", Set.of("TableGroupingPolicy", "TableLevelConfiguration"));
            combine = expect(g, "TableGroupingPolicy", "CombineCompatibleSchemas", "Grouping.");
            JsonNode l = g.get("TableLevelConfiguration");
            if (l != null) {
                if (!l.canConvertToInt() || l.asInt() < 1) {
                    throw invalid("Grouping.TableLevelConfiguration must be a positive integer");
                }
                level = l.asInt();
            }
        }
        JsonNode idx = root.get("CreatePartitionIndex");
        if (idx != null && !idx.isBoolean()) {
            throw invalid("CreatePartitionIndex must be true or false");
        }
        return new CrawlerConfiguration(inherit, merge, threshold, combine, level, idx != null && idx.asBoolean());
    }

    private static void only(JsonNode node, String at, Set<String> allowed) {
        if (!node.isObject()) {
            throw invalid(at.isEmpty() ? "the configuration must be an object" : at + " must be an object");
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!allowed.contains(n)) {
                throw invalid("unsupported option " + at + n);
            }
        }
    }

    private static boolean expect(JsonNode node, String field, String value, String at) {
        JsonNode v = node.get(field);
        if (v == null) {
            return false;
        }
        if (!v.isTextual() || !v.asText().equals(value)) {
            throw invalid(at + field + " must be " + value);
        }
        return true;
    }

    private static RuntimeException invalid(String why) {
        return GlueErrors.invalidInput("Crawler configuration not valid: " + why + ".");
    }
}
