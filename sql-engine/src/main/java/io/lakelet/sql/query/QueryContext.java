package io.lakelet.sql.query;

import io.lakelet.sql.Cancellation;
import java.time.Clock;
import java.util.Locale;
import java.util.TimeZone;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.schema.SchemaPlus;

/**
 * What a running plan may ask of its query: the schemas, the start time (sessions run in UTC, as Athena's
 * do), and the cancellation flag Calcite's operators poll.
 */
final class QueryContext implements DataContext {
    private final SchemaPlus root;
    private final JavaTypeFactory types;
    private final long startMillis;
    private final Cancellation cancellation;
    private final java.util.Map<String, Object> stash;

    QueryContext(SchemaPlus root, JavaTypeFactory types, Clock clock, Cancellation cancellation,
                 java.util.Map<String, Object> stash) {
        this.stash = stash;
        this.root = root;
        this.types = types;
        this.startMillis = clock.millis();
        this.cancellation = cancellation;
    }

    @Override
    public SchemaPlus getRootSchema() {
        return root;
    }

    @Override
    public JavaTypeFactory getTypeFactory() {
        return types;
    }

    @Override
    public QueryProvider getQueryProvider() {
        return null;
    }

    @Override
    public Object get(String name) {
        Object stashed = stash.get(name);
        if (stashed != null) {
            return stashed;
        }
        if (Variable.CURRENT_TIMESTAMP.camelName.equals(name) || Variable.LOCAL_TIMESTAMP.camelName.equals(name)
                || Variable.UTC_TIMESTAMP.camelName.equals(name) || Variable.SYS_TIMESTAMP.camelName.equals(name)) {
            return startMillis;
        }
        if (Variable.TIME_ZONE.camelName.equals(name)) {
            return TimeZone.getTimeZone("UTC");
        }
        if (Variable.CANCEL_FLAG.camelName.equals(name)) {
            return cancellation.flag();
        }
        if (Variable.LOCALE.camelName.equals(name)) {
            return Locale.ROOT;
        }
        if (Variable.USER.camelName.equals(name) || Variable.SYSTEM_USER.camelName.equals(name)) {
            return "lakelet";
        }
        return null;
    }
}
