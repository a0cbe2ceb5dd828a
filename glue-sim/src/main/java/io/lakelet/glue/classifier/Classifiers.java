package io.lakelet.glue.classifier;

import io.lakelet.core.storage.Keyspace;
import io.lakelet.core.storage.Storage;
import io.lakelet.glue.catalog.GlueErrors;
import io.lakelet.glue.catalog.Paging;
import io.lakelet.glue.catalog.Scope;
import io.lakelet.core.storage.StoredSdk;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import software.amazon.awssdk.services.glue.model.Classifier;
import software.amazon.awssdk.services.glue.model.CsvClassifier;
import software.amazon.awssdk.services.glue.model.GrokClassifier;
import software.amazon.awssdk.services.glue.model.JsonClassifier;
import software.amazon.awssdk.services.glue.model.UpdateCsvClassifierRequest;
import software.amazon.awssdk.services.glue.model.UpdateGrokClassifierRequest;
import software.amazon.awssdk.services.glue.model.UpdateJsonClassifierRequest;
import software.amazon.awssdk.services.glue.model.UpdateXMLClassifierRequest;
import software.amazon.awssdk.services.glue.model.XMLClassifier;

/**
 * Custom classifiers of a catalog (CSV, JSON, Grok and XML), keyed by name: one name space for all four
 * kinds, as in Glue. Each carries its creation time, last update and a version that every update
 * increments.
 */
public final class Classifiers {
    private final Keyspace classifiers;
    private final Clock clock;
    private final ReentrantLock writeLock = new ReentrantLock();

    public Classifiers(Storage storage, Clock clock) {
        this.classifiers = storage.keyspace("glue.classifiers");
        this.clock = clock;
    }

    private static byte[] key(Scope scope, String name) {
        return scope.key().add(name).build();
    }

    public static String name(Classifier c) {
        if (c.csvClassifier() != null) {
            return c.csvClassifier().name();
        }
        if (c.jsonClassifier() != null) {
            return c.jsonClassifier().name();
        }
        if (c.grokClassifier() != null) {
            return c.grokClassifier().name();
        }
        return c.xmlClassifier().name();
    }

    /** Stores a new classifier; the caller built it with its name and definition. */
    public void create(Scope scope, Classifier c) {
        Instant now = clock.instant();
        Classifier stamped = stamp(c, now, now, 1L);
        locked(() -> {
            if (classifiers.contains(key(scope, name(c)))) {
                throw GlueErrors.alreadyExists("Classifier with name " + name(c));
            }
            classifiers.put(key(scope, name(c)), StoredSdk.write(stamped));
        });
    }

    public Classifier get(Scope scope, String name) {
        byte[] v = classifiers.get(key(scope, name));
        if (v == null) {
            throw GlueErrors.notFound("Unable to find classifier with name " + name);
        }
        return StoredSdk.read(v, Classifier.class);
    }

    /** The classifiers of these names, in order; a missing one is an error. */
    public List<Classifier> getAll(Scope scope, List<String> names) {
        List<Classifier> out = new ArrayList<>();
        for (String n : names) {
            out.add(get(scope, n));
        }
        return out;
    }

    public Paging.Page<Classifier> list(Scope scope, String token, int max) {
        return Paging.page(classifiers, scope.key().build(), token, max, v -> StoredSdk.read(v, Classifier.class),
                c -> true);
    }

    public void delete(Scope scope, String name) {
        locked(() -> {
            get(scope, name);
            classifiers.delete(key(scope, name));
        });
    }

    public void updateCsv(Scope scope, UpdateCsvClassifierRequest u) {
        update(scope, u.name(), "CSV", c -> c.csvClassifier() == null ? null : c.toBuilder().csvClassifier(
                c.csvClassifier().toBuilder()
                        .delimiter(u.delimiter() != null ? u.delimiter() : c.csvClassifier().delimiter())
                        .quoteSymbol(u.quoteSymbol() != null ? u.quoteSymbol() : c.csvClassifier().quoteSymbol())
                        .containsHeader(u.containsHeaderAsString() != null ? u.containsHeaderAsString()
                                : c.csvClassifier().containsHeaderAsString())
                        .header(u.hasHeader() ? u.header() : c.csvClassifier().header())
                        .disableValueTrimming(u.disableValueTrimming() != null ? u.disableValueTrimming()
                                : c.csvClassifier().disableValueTrimming())
                        .allowSingleColumn(u.allowSingleColumn() != null ? u.allowSingleColumn()
                                : c.csvClassifier().allowSingleColumn())
                        .customDatatypeConfigured(u.customDatatypeConfigured() != null
                                ? u.customDatatypeConfigured() : c.csvClassifier().customDatatypeConfigured())
                        .customDatatypes(u.hasCustomDatatypes() ? u.customDatatypes()
                                : c.csvClassifier().customDatatypes())
                        .serde(u.serdeAsString() != null ? u.serdeAsString() : c.csvClassifier().serdeAsString())
                        .build()).build());
    }

    public void updateJson(Scope scope, UpdateJsonClassifierRequest u) {
        update(scope, u.name(), "JSON", c -> c.jsonClassifier() == null ? null : c.toBuilder().jsonClassifier(
                c.jsonClassifier().toBuilder()
                        .jsonPath(u.jsonPath() != null ? u.jsonPath() : c.jsonClassifier().jsonPath()).build()).build());
    }

    public void updateGrok(Scope scope, UpdateGrokClassifierRequest u) {
        update(scope, u.name(), "Grok", c -> c.grokClassifier() == null ? null : c.toBuilder().grokClassifier(
                c.grokClassifier().toBuilder()
                        .classification(u.classification() != null ? u.classification()
                                : c.grokClassifier().classification())
                        .grokPattern(u.grokPattern() != null ? u.grokPattern() : c.grokClassifier().grokPattern())
                        .customPatterns(u.customPatterns() != null ? u.customPatterns()
                                : c.grokClassifier().customPatterns())
                        .build()).build());
    }

    public void updateXml(Scope scope, UpdateXMLClassifierRequest u) {
        update(scope, u.name(), "XML", c -> c.xmlClassifier() == null ? null : c.toBuilder().xmlClassifier(
                c.xmlClassifier().toBuilder()
                        .classification(u.classification() != null ? u.classification()
                                : c.xmlClassifier().classification())
                        .rowTag(u.rowTag() != null ? u.rowTag() : c.xmlClassifier().rowTag())
                        .build()).build());
    }

    private void update(Scope scope, String name, String kind, java.util.function.UnaryOperator<Classifier> change) {
        locked(() -> {
            Classifier current = get(scope, name);
            Classifier changed = change.apply(current);
            if (changed == null) {
                throw GlueErrors.invalidInput("Classifier " + name + " is not a " + kind + " classifier.");
            }
            Instant created = creationTime(current);
            classifiers.put(key(scope, name), StoredSdk.write(stamp(changed, created, clock.instant(),
                    version(current) + 1)));
        });
    }

    private void locked(Runnable r) {
        writeLock.lock();
        try {
            r.run();
        } finally {
            writeLock.unlock();
        }
    }

    private static Instant creationTime(Classifier c) {
        if (c.csvClassifier() != null) {
            return c.csvClassifier().creationTime();
        }
        if (c.jsonClassifier() != null) {
            return c.jsonClassifier().creationTime();
        }
        if (c.grokClassifier() != null) {
            return c.grokClassifier().creationTime();
        }
        return c.xmlClassifier().creationTime();
    }

    private static long version(Classifier c) {
        Long v;
        if (c.csvClassifier() != null) {
            v = c.csvClassifier().version();
        } else if (c.jsonClassifier() != null) {
            v = c.jsonClassifier().version();
        } else if (c.grokClassifier() != null) {
            v = c.grokClassifier().version();
        } else {
            v = c.xmlClassifier().version();
        }
        return v == null ? 1 : v;
    }

    private static Classifier stamp(Classifier c, Instant created, Instant updated, long version) {
        if (c.csvClassifier() != null) {
            CsvClassifier x = c.csvClassifier().toBuilder().creationTime(created).lastUpdated(updated)
                    .version(version).build();
            return Classifier.builder().csvClassifier(x).build();
        }
        if (c.jsonClassifier() != null) {
            JsonClassifier x = c.jsonClassifier().toBuilder().creationTime(created).lastUpdated(updated)
                    .version(version).build();
            return Classifier.builder().jsonClassifier(x).build();
        }
        if (c.grokClassifier() != null) {
            GrokClassifier x = c.grokClassifier().toBuilder().creationTime(created).lastUpdated(updated)
                    .version(version).build();
            return Classifier.builder().grokClassifier(x).build();
        }
        XMLClassifier x = c.xmlClassifier().toBuilder().creationTime(created).lastUpdated(updated)
                .version(version).build();
        return Classifier.builder().xmlClassifier(x).build();
    }
}
