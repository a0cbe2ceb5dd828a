package io.lakelet.glue.operations;

import io.lakelet.core.error.Validation;
import io.lakelet.core.protocol.JsonRpcService;
import io.lakelet.glue.catalog.GlueErrors;
import io.lakelet.glue.catalog.Paging;
import io.lakelet.glue.catalog.Scope;
import io.lakelet.glue.classifier.Classifiers;
import io.lakelet.glue.classifier.GrokPattern;
import io.lakelet.glue.classifier.JsonPaths;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.glue.model.Classifier;
import software.amazon.awssdk.services.glue.model.CreateClassifierRequest;
import software.amazon.awssdk.services.glue.model.CreateClassifierResponse;
import software.amazon.awssdk.services.glue.model.CsvClassifier;
import software.amazon.awssdk.services.glue.model.DeleteClassifierRequest;
import software.amazon.awssdk.services.glue.model.DeleteClassifierResponse;
import software.amazon.awssdk.services.glue.model.GetClassifierRequest;
import software.amazon.awssdk.services.glue.model.GetClassifierResponse;
import software.amazon.awssdk.services.glue.model.GetClassifiersRequest;
import software.amazon.awssdk.services.glue.model.GetClassifiersResponse;
import software.amazon.awssdk.services.glue.model.GrokClassifier;
import software.amazon.awssdk.services.glue.model.JsonClassifier;
import software.amazon.awssdk.services.glue.model.UpdateClassifierRequest;
import software.amazon.awssdk.services.glue.model.UpdateClassifierResponse;
import software.amazon.awssdk.services.glue.model.XMLClassifier;

/** CreateClassifier, GetClassifier, GetClassifiers, UpdateClassifier and DeleteClassifier. */
public final class ClassifierOperations {
    /** Glue's CsvColumnDelimiter and CsvQuoteSymbol: one character that is not a line break. */
    private static final Pattern ONE_CHAR = Pattern.compile("[^\\r\\n]");

    private final Classifiers classifiers;

    public ClassifierOperations(Classifiers classifiers) {
        this.classifiers = classifiers;
    }

    public void register(JsonRpcService.Builder b) {
        b.operation("CreateClassifier", CreateClassifierRequest.class, (ctx, in) -> {
            Scope scope = Requests.scope(ctx, null);
            exactlyOne(in.csvClassifier(), in.jsonClassifier(), in.grokClassifier(), in.xmlClassifier());
            Classifier c;
            if (in.csvClassifier() != null) {
                var x = in.csvClassifier();
                Validation v = Requests.name(Requests.check(), "csvClassifier.name", x.name());
                checkCsv(v, "csvClassifier", x.delimiter(), x.quoteSymbol(), x.hasHeader() ? x.header() : null);
                c = Classifier.builder().csvClassifier(CsvClassifier.builder().name(x.name()).delimiter(x.delimiter())
                        .quoteSymbol(x.quoteSymbol()).containsHeader(x.containsHeaderAsString())
                        .header(x.hasHeader() ? x.header() : null).disableValueTrimming(x.disableValueTrimming())
                        .allowSingleColumn(x.allowSingleColumn())
                        .customDatatypeConfigured(x.customDatatypeConfigured())
                        .customDatatypes(x.hasCustomDatatypes() ? x.customDatatypes() : null)
                        .serde(x.serdeAsString()).build()).build();
            } else if (in.jsonClassifier() != null) {
                var x = in.jsonClassifier();
                Requests.name(Requests.check(), "jsonClassifier.name", x.name())
                        .notNull("jsonClassifier.jsonPath", x.jsonPath()).orThrow();
                checkJsonPath(x.jsonPath());
                c = Classifier.builder().jsonClassifier(JsonClassifier.builder().name(x.name())
                        .jsonPath(x.jsonPath()).build()).build();
            } else if (in.grokClassifier() != null) {
                var x = in.grokClassifier();
                Requests.name(Requests.check(), "grokClassifier.name", x.name())
                        .notNull("grokClassifier.classification", x.classification())
                        .notNull("grokClassifier.grokPattern", x.grokPattern())
                        .length("grokClassifier.grokPattern", x.grokPattern(), 1, 2048)
                        .length("grokClassifier.customPatterns", x.customPatterns(), 0, 16000).orThrow();
                checkGrok(x.grokPattern(), x.customPatterns());
                c = Classifier.builder().grokClassifier(GrokClassifier.builder().name(x.name())
                        .classification(x.classification()).grokPattern(x.grokPattern())
                        .customPatterns(x.customPatterns()).build()).build();
            } else {
                var x = in.xmlClassifier();
                Requests.name(Requests.check(), "xmlClassifier.name", x.name())
                        .notNull("xmlClassifier.classification", x.classification()).orThrow();
                c = Classifier.builder().xmlClassifier(XMLClassifier.builder().name(x.name())
                        .classification(x.classification()).rowTag(x.rowTag()).build()).build();
            }
            classifiers.create(scope, c);
            return CreateClassifierResponse.builder().build();
        });
        b.operation("GetClassifier", GetClassifierRequest.class, (ctx, in) -> {
            Requests.name(Requests.check(), "name", in.name()).orThrow();
            return GetClassifierResponse.builder()
                    .classifier(classifiers.get(Requests.scope(ctx, null), in.name())).build();
        });
        b.operation("GetClassifiers", GetClassifiersRequest.class, (ctx, in) -> {
            int max = Requests.pageSize(Requests.check(), in.maxResults(), 1000, 100);
            Paging.Page<Classifier> page = classifiers.list(Requests.scope(ctx, null), in.nextToken(), max);
            return GetClassifiersResponse.builder().classifiers(page.items()).nextToken(page.nextToken()).build();
        });
        b.operation("UpdateClassifier", UpdateClassifierRequest.class, (ctx, in) -> {
            Scope scope = Requests.scope(ctx, null);
            exactlyOne(in.csvClassifier(), in.jsonClassifier(), in.grokClassifier(), in.xmlClassifier());
            if (in.csvClassifier() != null) {
                var x = in.csvClassifier();
                Validation v = Requests.name(Requests.check(), "csvClassifier.name", x.name());
                checkCsv(v, "csvClassifier", x.delimiter(), x.quoteSymbol(), x.hasHeader() ? x.header() : null);
                classifiers.updateCsv(scope, x);
            } else if (in.jsonClassifier() != null) {
                Requests.name(Requests.check(), "jsonClassifier.name", in.jsonClassifier().name()).orThrow();
                if (in.jsonClassifier().jsonPath() != null) {
                    checkJsonPath(in.jsonClassifier().jsonPath());
                }
                classifiers.updateJson(scope, in.jsonClassifier());
            } else if (in.grokClassifier() != null) {
                var x = in.grokClassifier();
                Requests.name(Requests.check(), "grokClassifier.name", x.name()).orThrow();
                if (x.grokPattern() != null) {
                    checkGrok(x.grokPattern(), x.customPatterns());
                }
                classifiers.updateGrok(scope, x);
            } else {
                Requests.name(Requests.check(), "xmlClassifier.name", in.xmlClassifier().name()).orThrow();
                classifiers.updateXml(scope, in.xmlClassifier());
            }
            return UpdateClassifierResponse.builder().build();
        });
        b.operation("DeleteClassifier", DeleteClassifierRequest.class, (ctx, in) -> {
            Requests.name(Requests.check(), "name", in.name()).orThrow();
            classifiers.delete(Requests.scope(ctx, null), in.name());
            return DeleteClassifierResponse.builder().build();
        });
    }

    /** Glue takes exactly one of the four kinds of classifier in a request. */
    private static void exactlyOne(Object... kinds) {
        int n = 0;
        for (Object k : kinds) {
            if (k != null) {
                n++;
            }
        }
        if (n != 1) {
            throw GlueErrors.invalidInput("Exactly one classifier type (GrokClassifier, XMLClassifier,"
                    + " JsonClassifier or CsvClassifier) must be specified.");
        }
    }

    private static void checkCsv(Validation v, String member, String delimiter, String quote, List<String> header) {
        v.length(member + ".delimiter", delimiter, 1, 1).pattern(member + ".delimiter", delimiter, ONE_CHAR)
                .length(member + ".quoteSymbol", quote, 1, 1).pattern(member + ".quoteSymbol", quote, ONE_CHAR)
                .orThrow();
        if (delimiter != null && delimiter.equals(quote)) {
            throw GlueErrors.invalidInput("Delimiter and quote symbol must not be the same character.");
        }
        if (header != null && header.stream().anyMatch(h -> h == null || h.isEmpty())) {
            throw GlueErrors.invalidInput("Header column names must not be empty.");
        }
    }

    private static void checkJsonPath(String path) {
        if (!JsonPaths.valid(path)) {
            throw GlueErrors.invalidInput("Invalid JsonPath: " + path);
        }
    }

    private static void checkGrok(String pattern, String custom) {
        try {
            GrokPattern.compile(pattern, custom);
        } catch (IllegalArgumentException e) {
            throw GlueErrors.invalidInput(e.getMessage());
        }
    }
}
