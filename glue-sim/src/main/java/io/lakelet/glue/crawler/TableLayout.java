package io.lakelet.glue.crawler;

import io.lakelet.glue.classifier.Column;
import io.lakelet.glue.classifier.FileSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How a crawl turns classified files into tables, as Glue's crawler does. Starting at the include path:
 * when every file below a folder is compatible (same format, and column names at least 70% alike, or
 * only the same format under {@code CombineCompatibleSchemas}) the folder is one table, and the folders
 * below it are its partitions ({@code key=value} folders give the key its name, others are
 * {@code partition_0}, {@code partition_1}...); otherwise each subfolder is decided the same way and files
 * directly in the folder become tables of their own. {@code TableLevelConfiguration} fixes the level of
 * the tables instead (the bucket is level 1).
 */
public final class TableLayout {
    static final double SIMILARITY = 0.7;

    private final CrawlerConfiguration conf;
    private final String bucket;
    private final String includePrefix;
    private final List<String> notes = new ArrayList<>();
    private final Set<String> pinned = new HashSet<>();

    /** {@code includePrefix} is the include path's key as a folder ("" for the bucket, else ending in /). */
    public TableLayout(CrawlerConfiguration conf, String bucket, String includePrefix) {
        this.conf = conf;
        this.bucket = bucket;
        this.includePrefix = includePrefix;
    }

    /**
     * Folders (relative to the include path, "" for itself) where this crawler's tables already are: they
     * stay tables, so a table keeps its identity when the data beside it changes.
     */
    public TableLayout pin(Set<String> folders) {
        pinned.addAll(folders);
        return this;
    }

    private boolean pinnedBelow(String path) {
        String prefix = path.isEmpty() ? "" : path + "/";
        return pinned.stream().anyMatch(p -> !p.equals(path) && p.startsWith(prefix));
    }

    /** What the layout left out and why, for the crawl's log. */
    public List<String> notes() {
        return notes;
    }

    private static final class Node {
        final String path;
        final List<CrawledFile> files = new ArrayList<>();
        final TreeMap<String, Node> children = new TreeMap<>();

        Node(String path) {
            this.path = path;
        }

        void all(List<CrawledFile> out) {
            out.addAll(files);
            children.values().forEach(c -> c.all(out));
        }
    }

    public List<TablePlan> plan(List<CrawledFile> files) {
        Node root = new Node("");
        for (CrawledFile f : files) {
            Node n = root;
            for (String folder : f.folders()) {
                String p = n.path.isEmpty() ? folder : n.path + "/" + folder;
                n = n.children.computeIfAbsent(folder, k -> new Node(p));
            }
            n.files.add(f);
        }
        List<TablePlan> tables = new ArrayList<>();
        if (conf.tableLevel() != null) {
            int includeLevel = 1 + (includePrefix.isEmpty() ? 0 : includePrefix.split("/").length);
            int depth = Math.max(0, conf.tableLevel() - includeLevel);
            atDepth(root, depth, tables);
        } else {
            decide(root, tables);
        }
        return tables;
    }

    private void atDepth(Node node, int depth, List<TablePlan> out) {
        if (depth == 0) {
            List<CrawledFile> all = new ArrayList<>();
            node.all(all);
            if (!all.isEmpty()) {
                out.add(table(node, all));
            }
            return;
        }
        for (CrawledFile f : node.files) {
            notes.add("s3://" + bucket + "/" + f.key() + " is above the table level and was skipped");
        }
        node.children.values().forEach(c -> atDepth(c, depth - 1, out));
    }

    private void decide(Node node, List<TablePlan> out) {
        List<CrawledFile> all = new ArrayList<>();
        node.all(all);
        if (all.isEmpty()) {
            return;
        }
        if (pinned.contains(node.path) || !pinnedBelow(node.path) && compatible(all)) {
            out.add(table(node, all));
            return;
        }
        for (CrawledFile f : node.files) {
            out.add(single(f));
        }
        node.children.values().forEach(c -> decide(c, out));
    }

    /** Whether these files can be one table. */
    boolean compatible(List<CrawledFile> files) {
        String format = files.get(0).schema().formatKey();
        List<Column> union = new ArrayList<>();
        for (CrawledFile f : files) {
            if (!f.schema().formatKey().equals(format)) {
                return false;
            }
            union = FileSchema.mergeColumns(union, f.schema().columns());
        }
        if (conf.combineCompatibleSchemas()) {
            return true;
        }
        Set<String> names = new HashSet<>();
        union.forEach(c -> names.add(c.name()));
        Set<List<Column>> seen = new HashSet<>();
        for (CrawledFile f : files) {
            if (!seen.add(f.schema().columns())) {
                continue;
            }
            long common = f.schema().columns().stream().filter(c -> names.contains(c.name())).count();
            if ((double) common / names.size() < SIMILARITY) {
                return false;
            }
        }
        return true;
    }

    /** A table of one file directly in a folder whose files are not alike: named after the file. */
    TablePlan single(CrawledFile f) {
        FileSchema s = f.schema();
        return new TablePlan(tableName(f.name()), "s3://" + bucket + "/" + f.key(), s, s.columns(), List.of(),
                List.of(), TablePlan.Stats.of(f));
    }

    private TablePlan table(Node node, List<CrawledFile> files) {
        String name;
        if (node.path.isEmpty()) {
            String p = includePrefix.endsWith("/") ? includePrefix.substring(0, includePrefix.length() - 1)
                    : includePrefix;
            name = p.isEmpty() ? bucket : p.substring(p.lastIndexOf('/') + 1);
        } else {
            name = node.path.substring(node.path.lastIndexOf('/') + 1);
        }
        String location = "s3://" + bucket + "/" + includePrefix + (node.path.isEmpty() ? "" : node.path + "/");
        int rootDepth = node.path.isEmpty() ? 0 : node.path.split("/").length;
        // Partition depth: the most common depth of the files below the table's folder.
        Map<Integer, Integer> depths = new HashMap<>();
        for (CrawledFile f : files) {
            depths.merge(f.folders().length - rootDepth, 1, Integer::sum);
        }
        int depth = depths.entrySet().stream().max(Map.Entry.<Integer, Integer>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey())).orElseThrow().getKey();
        List<CrawledFile> kept = new ArrayList<>();
        for (CrawledFile f : files) {
            if (f.folders().length - rootDepth == depth) {
                kept.add(f);
            } else {
                notes.add("s3://" + bucket + "/" + f.key() + " is not at the partition depth of " + location
                        + " and was skipped");
            }
        }
        List<String[]> paths = new ArrayList<>();
        for (CrawledFile f : kept) {
            String[] folders = f.folders();
            String[] below = new String[depth];
            System.arraycopy(folders, rootDepth, below, 0, depth);
            paths.add(below);
        }
        List<String> keys = partitionKeys(paths, depth);
        Map<List<String>, List<CrawledFile>> byValues = new LinkedHashMap<>();
        Map<List<String>, String> folderOf = new HashMap<>();
        for (int i = 0; i < kept.size(); i++) {
            String[] comps = paths.get(i);
            List<String> values = new ArrayList<>();
            for (int l = 0; l < depth; l++) {
                values.add(value(comps[l], keys.get(l)));
            }
            byValues.computeIfAbsent(values, v -> new ArrayList<>()).add(kept.get(i));
            folderOf.putIfAbsent(values, String.join("/", comps) + "/");
        }
        Map<List<String>, String> locations = new LinkedHashMap<>();
        folderOf.forEach((v, f) -> locations.put(v, location + f));
        return build(tableName(name), location, keys, byValues, locations);
    }

    /**
     * A table from its files grouped by partition values: each partition's columns and statistics merged
     * from its files, the table's from its partitions; data columns named like partition keys are dropped.
     */
    static TablePlan build(String name, String location, List<String> keys,
                           Map<List<String>, List<CrawledFile>> byValues, Map<List<String>, String> locations) {
        List<Column> columns = new ArrayList<>();
        TablePlan.Stats stats = new TablePlan.Stats(0, 0, 0);
        List<TablePlan.Partition> partitions = new ArrayList<>();
        FileSchema format = null;
        for (Map.Entry<List<String>, List<CrawledFile>> e : byValues.entrySet()) {
            List<Column> pc = new ArrayList<>();
            TablePlan.Stats ps = new TablePlan.Stats(0, 0, 0);
            for (CrawledFile f : e.getValue()) {
                pc = FileSchema.mergeColumns(pc, f.schema().columns());
                ps = ps.plus(TablePlan.Stats.of(f));
                format = format == null ? f.schema() : format;
            }
            columns = FileSchema.mergeColumns(columns, pc);
            stats = stats.plus(ps);
            if (!keys.isEmpty()) {
                partitions.add(new TablePlan.Partition(e.getKey(), locations.get(e.getKey()),
                        e.getValue().get(0).schema(), pc, ps));
            }
        }
        Set<String> keySet = new HashSet<>(keys);
        columns.removeIf(c -> keySet.contains(c.name()));
        return new TablePlan(name, location, format, columns, keys, partitions, stats);
    }

    /** Key names per level: the key of key=value folders when every folder of the level agrees on it. */
    static List<String> partitionKeys(List<String[]> paths, int depth) {
        List<String> keys = new ArrayList<>();
        for (int l = 0; l < depth; l++) {
            String key = null;
            boolean named = true;
            for (String[] p : paths) {
                int eq = p[l].indexOf('=');
                String k = eq > 0 ? p[l].substring(0, eq).toLowerCase(Locale.ROOT) : null;
                if (k == null || key != null && !key.equals(k)) {
                    named = false;
                    break;
                }
                key = k;
            }
            keys.add(named && key != null && !keys.contains(key) ? key : "partition_" + l);
        }
        return keys;
    }

    static String value(String folder, String key) {
        if (key.startsWith("partition_")) {
            return folder;
        }
        return folder.substring(folder.indexOf('=') + 1);
    }

    /** Glue's table names: lower case, every character other than a letter, digit or underscore as '_'. */
    static String tableName(String raw) {
        StringBuilder b = new StringBuilder();
        for (char c : raw.toLowerCase(Locale.ROOT).toCharArray()) {
            b.append(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' ? c : '_');
        }
        return b.toString();
    }
}
