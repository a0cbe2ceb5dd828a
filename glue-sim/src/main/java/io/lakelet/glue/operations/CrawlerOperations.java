package io.lakelet.glue.operations;

import io.lakelet.core.error.Validation;
import io.lakelet.core.protocol.JsonRpcService;
import io.lakelet.glue.catalog.GlueCatalog;
import io.lakelet.glue.catalog.GlueErrors;
import io.lakelet.glue.catalog.Names;
import io.lakelet.glue.catalog.Paging;
import io.lakelet.glue.catalog.Scope;
import io.lakelet.glue.crawler.Crawlers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.glue.model.BatchGetCrawlersRequest;
import software.amazon.awssdk.services.glue.model.BatchGetCrawlersResponse;
import software.amazon.awssdk.services.glue.model.Crawler;
import software.amazon.awssdk.services.glue.model.CrawlerHistory;
import software.amazon.awssdk.services.glue.model.CrawlerMetrics;
import software.amazon.awssdk.services.glue.model.CrawlsFilter;
import software.amazon.awssdk.services.glue.model.CreateCrawlerRequest;
import software.amazon.awssdk.services.glue.model.CreateCrawlerResponse;
import software.amazon.awssdk.services.glue.model.DeleteCrawlerRequest;
import software.amazon.awssdk.services.glue.model.DeleteCrawlerResponse;
import software.amazon.awssdk.services.glue.model.GetCrawlerMetricsRequest;
import software.amazon.awssdk.services.glue.model.GetCrawlerMetricsResponse;
import software.amazon.awssdk.services.glue.model.GetCrawlerRequest;
import software.amazon.awssdk.services.glue.model.GetCrawlerResponse;
import software.amazon.awssdk.services.glue.model.GetCrawlersRequest;
import software.amazon.awssdk.services.glue.model.GetCrawlersResponse;
import software.amazon.awssdk.services.glue.model.ListCrawlersRequest;
import software.amazon.awssdk.services.glue.model.ListCrawlersResponse;
import software.amazon.awssdk.services.glue.model.ListCrawlsRequest;
import software.amazon.awssdk.services.glue.model.ListCrawlsResponse;
import software.amazon.awssdk.services.glue.model.StartCrawlerRequest;
import software.amazon.awssdk.services.glue.model.StartCrawlerResponse;
import software.amazon.awssdk.services.glue.model.StartCrawlerScheduleRequest;
import software.amazon.awssdk.services.glue.model.StartCrawlerScheduleResponse;
import software.amazon.awssdk.services.glue.model.StopCrawlerRequest;
import software.amazon.awssdk.services.glue.model.StopCrawlerResponse;
import software.amazon.awssdk.services.glue.model.StopCrawlerScheduleRequest;
import software.amazon.awssdk.services.glue.model.StopCrawlerScheduleResponse;
import software.amazon.awssdk.services.glue.model.UpdateCrawlerRequest;
import software.amazon.awssdk.services.glue.model.UpdateCrawlerResponse;
import software.amazon.awssdk.services.glue.model.UpdateCrawlerScheduleRequest;
import software.amazon.awssdk.services.glue.model.UpdateCrawlerScheduleResponse;

/**
 * Crawlers: Create, Get, GetCrawlers, ListCrawlers, BatchGetCrawlers, Update, Delete, Start, Stop,
 * GetCrawlerMetrics, ListCrawls, and the schedule operations (UpdateCrawlerSchedule,
 * StartCrawlerSchedule, StopCrawlerSchedule).
 */
public final class CrawlerOperations {
    private final Crawlers crawlers;
    private final GlueCatalog catalog;

    public CrawlerOperations(Crawlers crawlers, GlueCatalog catalog) {
        this.crawlers = crawlers;
        this.catalog = catalog;
    }

    public void register(JsonRpcService.Builder b) {
        b.operation("CreateCrawler", CreateCrawlerRequest.class, (ctx, in) -> {
            Validation v = Requests.name(Requests.check(), "name", in.name())
                    .notNull("role", in.role()).notNull("targets", in.targets())
                    .size("tags", in.hasTags() ? in.tags() : null, 0, 50);
            definition(v, in.databaseName(), in.description(), in.tablePrefix(), in.configuration());
            crawlers.create(Requests.scope(ctx, null), in);
            return CreateCrawlerResponse.builder().build();
        });
        b.operation("GetCrawler", GetCrawlerRequest.class, (ctx, in) -> {
            Requests.name(Requests.check(), "name", in.name()).orThrow();
            return GetCrawlerResponse.builder().crawler(crawlers.get(Requests.scope(ctx, null), in.name())).build();
        });
        b.operation("GetCrawlers", GetCrawlersRequest.class, (ctx, in) -> {
            int max = Requests.pageSize(Requests.check(), in.maxResults(), 1000, 100);
            Paging.Page<Crawler> page = crawlers.list(Requests.scope(ctx, null), in.nextToken(), max, c -> true);
            return GetCrawlersResponse.builder().crawlers(page.items()).nextToken(page.nextToken()).build();
        });
        b.operation("ListCrawlers", ListCrawlersRequest.class, (ctx, in) -> {
            Validation v = Requests.check().size("tags", in.hasTags() ? in.tags() : null, 0, 50);
            int max = Requests.pageSize(v, in.maxResults(), 1000, 100);
            Scope scope = Requests.scope(ctx, null);
            Map<String, String> wanted = in.hasTags() ? in.tags() : Map.of();
            Predicate<Crawler> filter = c -> {
                if (wanted.isEmpty()) {
                    return true;
                }
                Map<String, String> have = catalog.tags().get(scope, Crawlers.arn(scope, c.name()));
                return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(have.get(e.getKey())));
            };
            Paging.Page<Crawler> page = crawlers.list(scope, in.nextToken(), max, filter);
            return ListCrawlersResponse.builder().crawlerNames(page.items().stream().map(Crawler::name).toList())
                    .nextToken(page.nextToken()).build();
        });
        b.operation("BatchGetCrawlers", BatchGetCrawlersRequest.class, (ctx, in) -> {
            List<String> names = in.hasCrawlerNames() ? in.crawlerNames() : null;
            Requests.check().notNull("crawlerNames", names).size("crawlerNames", names, 0, 100).orThrow();
            Scope scope = Requests.scope(ctx, null);
            List<Crawler> found = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (String n : names) {
                if (crawlers.exists(scope, n)) {
                    found.add(crawlers.get(scope, n));
                } else {
                    missing.add(n);
                }
            }
            return BatchGetCrawlersResponse.builder().crawlers(found).crawlersNotFound(missing).build();
        });
        b.operation("UpdateCrawler", UpdateCrawlerRequest.class, (ctx, in) -> {
            Validation v = Requests.name(Requests.check(), "name", in.name());
            definition(v, in.databaseName(), in.description(), in.tablePrefix(), in.configuration());
            crawlers.update(Requests.scope(ctx, null), in);
            return UpdateCrawlerResponse.builder().build();
        });
        b.operation("DeleteCrawler", DeleteCrawlerRequest.class, (ctx, in) -> {
            Requests.name(Requests.check(), "name", in.name()).orThrow();
            crawlers.delete(Requests.scope(ctx, null), in.name());
            return DeleteCrawlerResponse.builder().build();
        });
        b.operation("StartCrawler", StartCrawlerRequest.class, (ctx, in) -> {
            Requests.name(Requests.check(), "name", in.name()).orThrow();
            crawlers.start(Requests.scope(ctx, null), in.name());
            return StartCrawlerResponse.builder().build();
        });
        b.operation("StopCrawler", StopCrawlerRequest.class, (ctx, in) -> {
            Requests.name(Requests.check(), "name", in.name()).orThrow();
            crawlers.stop(Requests.scope(ctx, null), in.name());
            return StopCrawlerResponse.builder().build();
        });
        b.operation("GetCrawlerMetrics", GetCrawlerMetricsRequest.class, (ctx, in) -> {
            List<String> names = in.hasCrawlerNameList() ? in.crawlerNameList() : null;
            Validation v = Requests.check().size("crawlerNameList", names, 0, 100);
            int max = Requests.pageSize(v, in.maxResults(), 1000, 100);
            Scope scope = Requests.scope(ctx, null);
            if (names == null) {
                names = crawlers.all(scope).stream().map(Crawler::name).toList();
            }
            int from = offset(in.nextToken());
            List<CrawlerMetrics> out = new ArrayList<>();
            int i = from;
            for (; i < names.size() && out.size() < max; i++) {
                if (crawlers.exists(scope, names.get(i))) {
                    out.add(crawlers.metrics(scope, names.get(i)));
                }
            }
            return GetCrawlerMetricsResponse.builder().crawlerMetricsList(out)
                    .nextToken(i < names.size() ? Integer.toString(i) : null).build();
        });
        b.operation("ListCrawls", ListCrawlsRequest.class, (ctx, in) -> {
            Validation v = Requests.name(Requests.check(), "crawlerName", in.crawlerName());
            int max = Requests.pageSize(v, in.maxResults(), 1000, 20);
            Predicate<CrawlerHistory> filter = h -> true;
            if (in.hasFilters()) {
                for (CrawlsFilter f : in.filters()) {
                    filter = filter.and(crawlFilter(f));
                }
            }
            Paging.Page<CrawlerHistory> page = crawlers.crawls(Requests.scope(ctx, null), in.crawlerName(),
                    in.nextToken(), max, filter);
            return ListCrawlsResponse.builder().crawls(page.items()).nextToken(page.nextToken()).build();
        });
        b.operation("UpdateCrawlerSchedule", UpdateCrawlerScheduleRequest.class, (ctx, in) -> {
            Requests.name(Requests.check(), "crawlerName", in.crawlerName()).orThrow();
            crawlers.updateSchedule(Requests.scope(ctx, null), in.crawlerName(), in.schedule());
            return UpdateCrawlerScheduleResponse.builder().build();
        });
        b.operation("StartCrawlerSchedule", StartCrawlerScheduleRequest.class, (ctx, in) -> {
            Requests.name(Requests.check(), "crawlerName", in.crawlerName()).orThrow();
            crawlers.startSchedule(Requests.scope(ctx, null), in.crawlerName());
            return StartCrawlerScheduleResponse.builder().build();
        });
        b.operation("StopCrawlerSchedule", StopCrawlerScheduleRequest.class, (ctx, in) -> {
            Requests.name(Requests.check(), "crawlerName", in.crawlerName()).orThrow();
            crawlers.stopSchedule(Requests.scope(ctx, null), in.crawlerName());
            return StopCrawlerScheduleResponse.builder().build();
        });
    }

    private static void definition(Validation v, String db, String description, String prefix, String configuration) {
        Requests.optionalName(v, "databaseName", db)
                .length("description", description, 0, 2048)
                .pattern("description", description, Names.MULTI_LINE)
                .length("tablePrefix", prefix, 0, 128)
                .orThrow();
    }

    private static int offset(String token) {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(token));
        } catch (NumberFormatException e) {
            throw GlueErrors.invalidInput("Invalid NextToken: " + token);
        }
    }

    private static Predicate<CrawlerHistory> crawlFilter(CrawlsFilter f) {
        String field = f.fieldNameAsString();
        String op = f.filterOperatorAsString();
        String value = f.fieldValue();
        if (field == null || op == null || value == null) {
            throw GlueErrors.invalidInput("A crawls filter needs FieldName, FilterOperator and FieldValue.");
        }
        return switch (field) {
            case "CRAWL_ID" -> h -> compare(op, h.crawlId().compareTo(value));
            case "STATE" -> h -> compare(op, h.stateAsString().compareTo(value));
            case "START_TIME" -> h -> compare(op, h.startTime().compareTo(time(value)));
            case "END_TIME" -> h -> h.endTime() != null && compare(op, h.endTime().compareTo(time(value)));
            case "DPU_HOUR" -> h -> compare(op, Double.compare(h.dpuHour() == null ? 0 : h.dpuHour(),
                    number(value)));
            default -> throw GlueErrors.invalidInput("Unknown crawls filter field: " + field);
        };
    }

    private static boolean compare(String op, int c) {
        return switch (op) {
            case "EQ" -> c == 0;
            case "NE" -> c != 0;
            case "GT" -> c > 0;
            case "GE" -> c >= 0;
            case "LT" -> c < 0;
            case "LE" -> c <= 0;
            default -> throw GlueErrors.invalidInput("Unknown crawls filter operator: " + op);
        };
    }

    private static Instant time(String v) {
        try {
            return v.matches("\\d+") ? Instant.ofEpochMilli(Long.parseLong(v)) : Instant.parse(v);
        } catch (RuntimeException e) {
            throw GlueErrors.invalidInput("Invalid time in crawls filter: " + v);
        }
    }

    private static double number(String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw GlueErrors.invalidInput("Invalid number in crawls filter: " + v);
        }
    }
}
