package io.lakelet.glue.crawler;

import io.lakelet.core.error.AwsException;
import io.lakelet.core.events.ObjectEvent;
import io.lakelet.core.ports.ObjectStore;
import io.lakelet.core.storage.Batch;
import io.lakelet.formats.S3Location;
import io.lakelet.glue.catalog.GlueCatalog;
import io.lakelet.glue.catalog.GlueErrors;
import io.lakelet.glue.catalog.Paging;
import io.lakelet.glue.catalog.Scope;
import io.lakelet.glue.classifier.Classifiers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.glue.model.Classifier;
import software.amazon.awssdk.services.glue.model.Crawler;
import software.amazon.awssdk.services.glue.model.CrawlerHistory;
import software.amazon.awssdk.services.glue.model.CrawlerHistoryState;
import software.amazon.awssdk.services.glue.model.CrawlerLineageSettings;
import software.amazon.awssdk.services.glue.model.CrawlerMetrics;
import software.amazon.awssdk.services.glue.model.CrawlerState;
import software.amazon.awssdk.services.glue.model.CrawlerTargets;
import software.amazon.awssdk.services.glue.model.CreateCrawlerRequest;
import software.amazon.awssdk.services.glue.model.DeleteBehavior;
import software.amazon.awssdk.services.glue.model.LastCrawlInfo;
import software.amazon.awssdk.services.glue.model.LastCrawlStatus;
import software.amazon.awssdk.services.glue.model.LineageConfiguration;
import software.amazon.awssdk.services.glue.model.RecrawlBehavior;
import software.amazon.awssdk.services.glue.model.RecrawlPolicy;
import software.amazon.awssdk.services.glue.model.S3Target;
import software.amazon.awssdk.services.glue.model.Schedule;
import software.amazon.awssdk.services.glue.model.ScheduleState;
import software.amazon.awssdk.services.glue.model.SchemaChangePolicy;
import software.amazon.awssdk.services.glue.model.UpdateBehavior;
import software.amazon.awssdk.services.glue.model.UpdateCrawlerRequest;

/**
 * Crawlers of every catalog: their definitions and the life of their runs. StartCrawler sets the state
 * RUNNING and runs the crawl on a worker; StopCrawler sets STOPPING and the crawl stops at its next
 * check; when it ends the crawler is READY with its LastCrawl (SUCCEEDED, FAILED with the reason, or
 * CANCELLED), a history entry (ListCrawls) and metrics. A crawl lasts at least
 * {@value #MIN_RUN_MS} milliseconds when that setting is given, so clients that poll can see RUNNING.
 * Schedules are AWS cron expressions, checked against the server's clock; S3 ObjectCreated events are
 * collected for crawlers in event mode.
 */
public final class Crawlers implements AutoCloseable {
    public static final String MIN_RUN_MS = "LAKELET_GLUE_CRAWLER_MIN_RUN_MS";
    public static final String TICK_MS = "LAKELET_GLUE_CRAWLER_SCHEDULER_TICK_MS";
    public static final String READERS = "LAKELET_GLUE_CRAWLER_READERS";
    static final String LOG_GROUP = "/aws-glue/crawlers";
    private static final Logger LOG = LoggerFactory.getLogger(Crawlers.class);

    private final CrawlerStore store;
    private final EventFolders events;
    private final GlueCatalog catalog;
    private final Classifiers classifiers;
    private final Supplier<ObjectStore> objects;
    private final Clock clock;
    private final ExecutorService workers;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService readers;
    private final long minRunMillis;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Run> running = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastTick = new ConcurrentHashMap<>();
    private final AtomicInteger generation = new AtomicInteger();
    private final java.util.concurrent.ScheduledFuture<?> ticker;
    private final Instant started;

    /** One run in flight. */
    private static final class Run {
        final Scope scope;
        final String name;
        final Instant start;
        final String id = UUID.randomUUID().toString();
        final int generation;
        volatile boolean cancelled;

        Run(Scope scope, String name, Instant start, int generation) {
            this.scope = scope;
            this.name = name;
            this.start = start;
            this.generation = generation;
        }
    }

    public Crawlers(io.lakelet.core.storage.Storage storage, GlueCatalog catalog, Classifiers classifiers,
                    Supplier<ObjectStore> objects, Clock clock, ExecutorService workers,
                    ScheduledExecutorService scheduler, ExecutorService readers, long minRunMillis, long tickMillis) {
        this.store = new CrawlerStore(storage);
        this.events = new EventFolders(store);
        this.catalog = catalog;
        this.classifiers = classifiers;
        this.objects = objects;
        this.clock = clock;
        this.workers = workers;
        this.scheduler = scheduler;
        this.readers = readers;
        this.minRunMillis = minRunMillis;
        this.started = clock.instant();
        recover();
        this.ticker = scheduler.scheduleWithFixedDelay(this::tick, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
    }

    private static String runKey(Scope scope, String name) {
        return scope.account() + "\u0000" + scope.region() + "\u0000" + name;
    }

    private <T> T locked(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    // Definitions.

    public Crawler create(Scope scope, CreateCrawlerRequest in) {
        CrawlerConfiguration.parse(in.configuration());
        checkDefinition(scope, in.targets(), in.schedule(), in.hasClassifiers() ? in.classifiers() : List.of(),
                in.schemaChangePolicy(), in.recrawlPolicy());
        Instant now = clock.instant();
        Crawler c = Crawler.builder()
                .name(in.name())
                .role(in.role())
                .targets(in.targets())
                .databaseName(in.databaseName())
                .description(in.description())
                .classifiers(in.hasClassifiers() ? in.classifiers() : List.of())
                .recrawlPolicy(in.recrawlPolicy() != null ? in.recrawlPolicy()
                        : RecrawlPolicy.builder().recrawlBehavior(RecrawlBehavior.CRAWL_EVERYTHING).build())
                .schemaChangePolicy(schemaPolicy(in.schemaChangePolicy()))
                .lineageConfiguration(in.lineageConfiguration() != null ? in.lineageConfiguration()
                        : LineageConfiguration.builder().crawlerLineageSettings(CrawlerLineageSettings.DISABLE).build())
                .state(CrawlerState.READY)
                .tablePrefix(in.tablePrefix())
                .schedule(schedule(in.schedule(), null))
                .crawlElapsedTime(0L)
                .creationTime(now)
                .lastUpdated(now)
                .version(1L)
                .configuration(in.configuration())
                .crawlerSecurityConfiguration(in.crawlerSecurityConfiguration())
                .lakeFormationConfiguration(in.lakeFormationConfiguration())
                .build();
        return locked(() -> {
            if (store.exists(scope, in.name())) {
                throw GlueErrors.alreadyExists("Crawler with name " + in.name());
            }
            store.put(scope, c);
            if (in.hasTags() && !in.tags().isEmpty()) {
                try (Batch batch = catalog.store().batch()) {
                    catalog.tags().put(batch, scope, arn(scope, in.name()), in.tags());
                    batch.commit();
                }
            }
            return c;
        });
    }

    public static String arn(Scope scope, String name) {
        return scope.arn("crawler/" + name);
    }

    public Crawler get(Scope scope, String name) {
        Crawler c = store.get(scope, name);
        Run run = running.get(runKey(scope, name));
        if (run != null && c.state() != CrawlerState.READY) {
            return c.toBuilder().crawlElapsedTime(Duration.between(run.start, clock.instant()).toMillis()).build();
        }
        return c;
    }

    public boolean exists(Scope scope, String name) {
        return store.exists(scope, name);
    }

    public Paging.Page<Crawler> list(Scope scope, String token, int max, Predicate<Crawler> filter) {
        Paging.Page<Crawler> page = store.list(scope, token, max, filter);
        return new Paging.Page<>(page.items().stream().map(c -> get(scope, c.name())).toList(), page.nextToken());
    }

    public void update(Scope scope, UpdateCrawlerRequest in) {
        if (in.configuration() != null) {
            CrawlerConfiguration.parse(in.configuration());
        }
        locked(() -> {
            Crawler c = store.get(scope, in.name());
            if (c.state() != CrawlerState.READY) {
                throw AwsException.client("CrawlerRunningException", "Crawler with name " + in.name()
                        + " has already started");
            }
            CrawlerTargets targets = in.targets() != null ? in.targets() : c.targets();
            SchemaChangePolicy policy = in.schemaChangePolicy() != null ? schemaPolicy(in.schemaChangePolicy())
                    : c.schemaChangePolicy();
            RecrawlPolicy recrawl = in.recrawlPolicy() != null ? in.recrawlPolicy() : c.recrawlPolicy();
            List<String> names = in.hasClassifiers() ? in.classifiers() : c.classifiers();
            checkDefinition(scope, targets, in.schedule(), names, policy, recrawl);
            Crawler.Builder b = c.toBuilder()
                    .targets(targets).schemaChangePolicy(policy).recrawlPolicy(recrawl).classifiers(names)
                    .lastUpdated(clock.instant()).version(c.version() == null ? 2 : c.version() + 1);
            if (in.role() != null) {
                b.role(in.role());
            }
            if (in.databaseName() != null) {
                b.databaseName(in.databaseName());
            }
            if (in.description() != null) {
                b.description(in.description());
            }
            if (in.tablePrefix() != null) {
                b.tablePrefix(in.tablePrefix());
            }
            if (in.schedule() != null) {
                b.schedule(schedule(in.schedule(), c.schedule()));
            }
            if (in.lineageConfiguration() != null) {
                b.lineageConfiguration(in.lineageConfiguration());
            }
            if (in.configuration() != null) {
                b.configuration(in.configuration());
            }
            if (in.crawlerSecurityConfiguration() != null) {
                b.crawlerSecurityConfiguration(in.crawlerSecurityConfiguration());
            }
            if (in.lakeFormationConfiguration() != null) {
                b.lakeFormationConfiguration(in.lakeFormationConfiguration());
            }
            store.put(scope, b.build());
            lastTick.put(runKey(scope, in.name()), clock.instant());
            return null;
        });
    }

    public void delete(Scope scope, String name) {
        locked(() -> {
            Crawler c = store.get(scope, name);
            if (c.state() != CrawlerState.READY) {
                throw AwsException.client("CrawlerRunningException", "Crawler with name " + name
                        + " has already started");
            }
            store.delete(scope, name);
            try (Batch batch = catalog.store().batch()) {
                catalog.tags().deleteAll(batch, scope, arn(scope, name));
                batch.commit();
            }
            lastTick.remove(runKey(scope, name));
            return null;
        });
    }

    private void checkDefinition(Scope scope, CrawlerTargets targets, String schedule, List<String> classifierNames,
                                 SchemaChangePolicy policy, RecrawlPolicy recrawl) {
        if (schedule != null && !schedule.isEmpty()) {
            try {
                CronExpression.parse(schedule);
            } catch (CronExpression.InvalidCronException e) {
                throw GlueErrors.invalidInput("Invalid schedule expression: " + schedule + " (" + e.getMessage()
                        + ")");
            }
        }
        if (targets != null && targets.hasS3Targets()) {
            for (S3Target t : targets.s3Targets()) {
                try {
                    S3Location.parse(t.path());
                } catch (IllegalArgumentException e) {
                    throw GlueErrors.invalidInput("Invalid S3 target path: " + t.path());
                }
                if (t.sampleSize() != null && (t.sampleSize() < 1 || t.sampleSize() > 249)) {
                    throw GlueErrors.invalidInput("SampleSize must be between 1 and 249.");
                }
            }
        }
        for (String n : classifierNames) {
            classifiers.get(scope, n);
        }
        String behaviour = recrawl == null ? null : recrawl.recrawlBehaviorAsString();
        SchemaChangePolicy effective = schemaPolicy(policy);
        if ("CRAWL_NEW_FOLDERS_ONLY".equals(behaviour) && (!"LOG".equals(effective.updateBehaviorAsString())
                || !"LOG".equals(effective.deleteBehaviorAsString()))) {
            throw GlueErrors.invalidInput("The SchemaChangePolicy for \"Crawl new folders only\" Amazon S3 target can"
                    + " have only LOG DeleteBehavior value and LOG UpdateBehavior value.");
        }
    }

    private static SchemaChangePolicy schemaPolicy(SchemaChangePolicy in) {
        String update = in == null || in.updateBehaviorAsString() == null ? UpdateBehavior.UPDATE_IN_DATABASE.toString()
                : in.updateBehaviorAsString();
        String delete = in == null || in.deleteBehaviorAsString() == null
                ? DeleteBehavior.DEPRECATE_IN_DATABASE.toString() : in.deleteBehaviorAsString();
        return SchemaChangePolicy.builder().updateBehavior(update).deleteBehavior(delete).build();
    }

    /** The schedule a crawler keeps for an expression ("" removes it); a new schedule starts SCHEDULED. */
    private static Schedule schedule(String expression, Schedule current) {
        if (expression == null || expression.isEmpty()) {
            return null;
        }
        ScheduleState state = current == null ? ScheduleState.SCHEDULED : current.state();
        return Schedule.builder().scheduleExpression(expression).state(state).build();
    }

    // Runs.

    public void start(Scope scope, String name) {
        Run run = locked(() -> {
            Crawler c = store.get(scope, name);
            if (c.state() != CrawlerState.READY) {
                throw AwsException.client("CrawlerRunningException", "Crawler with name " + name
                        + " has already started");
            }
            Run r = new Run(scope, name, clock.instant(), generation.get());
            store.put(scope, c.toBuilder().state(CrawlerState.RUNNING).build());
            running.put(runKey(scope, name), r);
            return r;
        });
        try {
            workers.execute(() -> execute(run));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            finish(run, LastCrawlStatus.FAILED, "The crawl could not start: Lakelet has no free worker.", null);
            throw AwsException.client("OperationTimeoutException", "Crawler with name " + name
                    + " could not be started; try again.");
        }
    }

    public void stop(Scope scope, String name) {
        locked(() -> {
            Crawler c = store.get(scope, name);
            Run r = running.get(runKey(scope, name));
            if (c.state() == CrawlerState.STOPPING) {
                throw AwsException.client("CrawlerStoppingException", "Crawler with name " + name + " is stopping");
            }
            if (c.state() != CrawlerState.RUNNING || r == null) {
                throw AwsException.client("CrawlerNotRunningException", "Crawler with name " + name
                        + " isn't running");
            }
            r.cancelled = true;
            store.put(scope, c.toBuilder().state(CrawlerState.STOPPING).build());
            return null;
        });
    }

    private void execute(Run run) {
        LastCrawlStatus status;
        String error = null;
        CrawlJob.Result result = null;
        Set<String> consumed = Set.of();
        try {
            Crawler c = store.get(run.scope, run.name);
            CrawlerConfiguration conf = CrawlerConfiguration.parse(c.configuration());
            List<Classifier> custom = classifiers.getAll(run.scope, c.hasClassifiers() ? c.classifiers() : List.of());
            boolean crawledBefore = c.lastCrawl() != null && c.lastCrawl().status() == LastCrawlStatus.SUCCEEDED;
            RecrawlBehavior behaviour = c.recrawlPolicy() == null ? RecrawlBehavior.CRAWL_EVERYTHING
                    : c.recrawlPolicy().recrawlBehavior();
            CrawlJob.Mode mode = CrawlJob.Mode.EVERYTHING;
            if (crawledBefore && behaviour == RecrawlBehavior.CRAWL_NEW_FOLDERS_ONLY) {
                mode = CrawlJob.Mode.NEW_FOLDERS;
            } else if (crawledBefore && behaviour == RecrawlBehavior.CRAWL_EVENT_MODE) {
                mode = CrawlJob.Mode.EVENTS;
                consumed = store.eventFolders(run.scope, run.name);
            } else if (behaviour == RecrawlBehavior.CRAWL_EVENT_MODE) {
                consumed = store.eventFolders(run.scope, run.name);
            }
            ObjectStore os;
            try {
                os = objects.get();
            } catch (IllegalStateException e) {
                throw new CrawlJob.CrawlFailure("S3 is not running in this Lakelet, so there is nothing to crawl.");
            }
            result = new CrawlJob(run.scope, c, conf, custom, os, catalog, readers, () -> run.cancelled, mode,
                    consumed).run();
            status = run.cancelled ? LastCrawlStatus.CANCELLED : LastCrawlStatus.SUCCEEDED;
        } catch (CrawlJob.Cancelled e) {
            status = LastCrawlStatus.CANCELLED;
        } catch (CrawlJob.CrawlFailure e) {
            status = LastCrawlStatus.FAILED;
            error = e.getMessage();
            LOG.info("crawler {} failed: {}", run.name, error);
        } catch (AwsException e) {
            status = LastCrawlStatus.FAILED;
            error = e.code() + ": " + e.getMessage();
            LOG.info("crawler {} failed: {}", run.name, error);
        } catch (RuntimeException e) {
            status = LastCrawlStatus.FAILED;
            error = "Internal error: " + CrawlJob.message(e);
            LOG.warn("crawler {} failed", run.name, e);
        }
        if (status == LastCrawlStatus.SUCCEEDED && !consumed.isEmpty()) {
            store.removeEventFolders(run.scope, run.name, consumed);
        }
        LastCrawlStatus s = status;
        String err = error;
        CrawlJob.Result res = result;
        long elapsed = Duration.between(run.start, clock.instant()).toMillis();
        if (elapsed < minRunMillis) {
            scheduler.schedule(() -> workers.execute(() -> finish(run, s, err, res)), minRunMillis - elapsed,
                    TimeUnit.MILLISECONDS);
        } else {
            finish(run, s, err, res);
        }
    }

    private void finish(Run run, LastCrawlStatus status, String error, CrawlJob.Result result) {
        locked(() -> {
            if (run.generation != generation.get() || running.get(runKey(run.scope, run.name)) != run) {
                return null;
            }
            running.remove(runKey(run.scope, run.name));
            LastCrawlStatus s = run.cancelled ? LastCrawlStatus.CANCELLED : status;
            Instant end = clock.instant();
            var found = store.find(run.scope, run.name);
            if (found.isEmpty()) {
                return null;
            }
            LastCrawlInfo last = LastCrawlInfo.builder().status(s).errorMessage(error).logGroup(LOG_GROUP)
                    .logStream(run.name).messagePrefix(run.id).startTime(run.start).build();
            store.put(run.scope, found.get().toBuilder().state(CrawlerState.READY).lastCrawl(last).crawlElapsedTime(0L)
                    .build());
            CrawlerHistoryState hs = switch (s) {
                case SUCCEEDED -> CrawlerHistoryState.COMPLETED;
                case CANCELLED -> CrawlerHistoryState.STOPPED;
                default -> CrawlerHistoryState.FAILED;
            };
            store.putCrawl(run.scope, run.name, CrawlerHistory.builder().crawlId(run.id).state(hs)
                    .startTime(run.start).endTime(end).summary(result == null ? null : result.summary())
                    .errorMessage(error).logGroup(LOG_GROUP).logStream(run.name).messagePrefix(run.id).dpuHour(0.0)
                    .build());
            List<Double> runtimes = new ArrayList<>(store.runtimes(run.scope, run.name));
            runtimes.sort(Double::compare);
            double median = runtimes.isEmpty() ? 0 : runtimes.size() % 2 == 1 ? runtimes.get(runtimes.size() / 2)
                    : (runtimes.get(runtimes.size() / 2 - 1) + runtimes.get(runtimes.size() / 2)) / 2;
            store.putMetrics(run.scope, CrawlerMetrics.builder().crawlerName(run.name).timeLeftSeconds(0.0)
                    .stillEstimating(false).lastRuntimeSeconds(Duration.between(run.start, end).toMillis() / 1000.0)
                    .medianRuntimeSeconds(median)
                    .tablesCreated(result == null ? 0 : result.created())
                    .tablesUpdated(result == null ? 0 : result.updated())
                    .tablesDeleted(result == null ? 0 : result.deleted()).build());
            return null;
        });
    }

    /** A crawl that was in flight when the server stopped ends FAILED at the next start. */
    private void recover() {
        List<Map.Entry<Scope, Crawler>> stale = new ArrayList<>();
        store.forEach((scope, c) -> {
            if (c.state() != CrawlerState.READY) {
                stale.add(Map.entry(scope, c));
            }
        });
        for (var e : stale) {
            Crawler c = e.getValue();
            store.put(e.getKey(), c.toBuilder().state(CrawlerState.READY).crawlElapsedTime(0L)
                    .lastCrawl(LastCrawlInfo.builder().status(LastCrawlStatus.FAILED)
                            .errorMessage("The crawl was interrupted because Lakelet stopped.").logGroup(LOG_GROUP)
                            .logStream(c.name()).messagePrefix(UUID.randomUUID().toString())
                            .startTime(clock.instant()).build()).build());
        }
    }

    public CrawlerMetrics metrics(Scope scope, String name) {
        Crawler c = store.get(scope, name);
        CrawlerMetrics m = store.metrics(scope, name).orElse(CrawlerMetrics.builder().crawlerName(name)
                .timeLeftSeconds(0.0).stillEstimating(false).lastRuntimeSeconds(0.0).medianRuntimeSeconds(0.0)
                .tablesCreated(0).tablesUpdated(0).tablesDeleted(0).build());
        if (c.state() != CrawlerState.READY) {
            m = m.toBuilder().stillEstimating(true).build();
        }
        return m;
    }

    public Paging.Page<CrawlerHistory> crawls(Scope scope, String name, String token, int max,
                                              Predicate<CrawlerHistory> filter) {
        store.get(scope, name);
        return store.crawls(scope, name, token, max, filter);
    }

    public List<Crawler> all(Scope scope) {
        return store.all(scope);
    }

    // Schedules.

    public void updateSchedule(Scope scope, String name, String expression) {
        checkDefinition(scope, null, expression, List.of(), null, null);
        locked(() -> {
            Crawler c = store.get(scope, name);
            store.put(scope, c.toBuilder().schedule(schedule(expression, c.schedule())).lastUpdated(clock.instant())
                    .build());
            lastTick.put(runKey(scope, name), clock.instant());
            return null;
        });
    }

    public void startSchedule(Scope scope, String name) {
        locked(() -> {
            Crawler c = store.get(scope, name);
            if (c.schedule() == null || c.schedule().scheduleExpression() == null) {
                throw AwsException.client("NoScheduleException", "Crawler with name " + name + " has no schedule");
            }
            if (c.schedule().state() == ScheduleState.SCHEDULED) {
                throw AwsException.client("SchedulerRunningException", "Schedule of crawler with name " + name
                        + " is already running");
            }
            store.put(scope, c.toBuilder().schedule(c.schedule().toBuilder().state(ScheduleState.SCHEDULED).build())
                    .build());
            lastTick.put(runKey(scope, name), clock.instant());
            return null;
        });
    }

    public void stopSchedule(Scope scope, String name) {
        locked(() -> {
            Crawler c = store.get(scope, name);
            if (c.schedule() == null || c.schedule().state() != ScheduleState.SCHEDULED) {
                throw AwsException.client("SchedulerNotRunningException", "Schedule of crawler with name " + name
                        + " is not running");
            }
            store.put(scope, c.toBuilder().schedule(c.schedule().toBuilder().state(ScheduleState.NOT_SCHEDULED)
                    .build()).build());
            return null;
        });
    }

    /** Starts each scheduled crawler whose cron expression fired since the last tick (once, however many). */
    void tick() {
        try {
            Instant now = clock.instant();
            store.forEach((scope, c) -> {
                if (c.schedule() == null || c.schedule().state() != ScheduleState.SCHEDULED) {
                    return;
                }
                String key = runKey(scope, c.name());
                Instant previous = lastTick.put(key, now);
                if (previous == null) {
                    // First seen since start: schedules count from their last change, or from the start.
                    previous = c.lastUpdated() != null && c.lastUpdated().isAfter(started) ? c.lastUpdated() : started;
                }
                if (!now.isAfter(previous)) {
                    return;
                }
                var next = CronExpression.parse(c.schedule().scheduleExpression())
                        .next(previous.atZone(java.time.ZoneOffset.UTC));
                if (next != null && !next.toInstant().isAfter(now) && c.state() == CrawlerState.READY) {
                    LOG.info("crawler {} starts on its schedule {}", c.name(), c.schedule().scheduleExpression());
                    try {
                        start(scope, c.name());
                    } catch (AwsException e) {
                        LOG.info("crawler {} did not start on its schedule: {}", c.name(), e.getMessage());
                    }
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("the crawler scheduler failed", e);
        }
    }

    /** Records the folder of a created object for every event-mode crawler whose S3 targets cover it. */
    public void onObjectEvent(ObjectEvent e) {
        events.accept(e);
    }

    /** After the reset endpoint cleared all state: forget runs and schedule ticks. */
    public void reset() {
        locked(() -> {
            generation.incrementAndGet();
            running.values().forEach(r -> r.cancelled = true);
            running.clear();
            lastTick.clear();
            return null;
        });
    }

    @Override
    public void close() {
        ticker.cancel(false);
        running.values().forEach(r -> r.cancelled = true);
    }
}
