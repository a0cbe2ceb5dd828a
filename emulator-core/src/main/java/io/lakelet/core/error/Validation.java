package io.lakelet.core.error;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Collects constraint violations and reports them the way AWS's request validation does:
 * {@code 1 validation error detected: Value 'x' at 'streamName' failed to satisfy constraint: Member must
 * have length less than or equal to 128}. Several violations are joined with {@code "; "}.
 *
 * <p>The AWS SDK model classes carry no constraints, so each service states its own, once, next to the
 * operation that needs them.
 */
public final class Validation {
    private final List<String> errors = new ArrayList<>(2);
    private final String exceptionCode;

    private Validation(String exceptionCode) {
        this.exceptionCode = exceptionCode;
    }

    /** Violations become a {@code ValidationException}. */
    public static Validation check() {
        return new Validation("ValidationException");
    }

    /** Violations become an error with another code, for services that use their own (e.g. Glue). */
    public static Validation check(String exceptionCode) {
        return new Validation(exceptionCode);
    }

    public Validation notNull(String member, Object value) {
        if (value == null) {
            errors.add("Value null at '" + member + "' failed to satisfy constraint: Member must not be null");
        }
        return this;
    }

    /** Length limits of a string, checked only when it is present (pair with notNull for required members). */
    public Validation length(String member, String value, int min, int max) {
        if (value != null) {
            int len = value.codePointCount(0, value.length());
            if (len < min) {
                errors.add(describe(value, member) + "Member must have length greater than or equal to " + min);
            } else if (len > max) {
                errors.add(describe(value, member) + "Member must have length less than or equal to " + max);
            }
        }
        return this;
    }

    /** Length limits of a list or map, checked only when it is present. */
    public Validation size(String member, Object collection, int min, int max) {
        int size = collection instanceof Collection<?> c ? c.size()
                : collection instanceof Map<?, ?> m ? m.size() : -1;
        if (size >= 0) {
            // The value is rendered only for a violation: rendering 500 records costs more than the request.
            if (size < min) {
                errors.add(describe(collection, member) + "Member must have length greater than or equal to " + min);
            } else if (size > max) {
                errors.add(describe(collection, member) + "Member must have length less than or equal to " + max);
            }
        }
        return this;
    }

    public Validation range(String member, Number value, long min, long max) {
        if (value != null) {
            long v = value.longValue();
            if (v < min) {
                errors.add(describe(value, member) + "Member must have value greater than or equal to " + min);
            } else if (v > max) {
                errors.add(describe(value, member) + "Member must have value less than or equal to " + max);
            }
        }
        return this;
    }

    public Validation pattern(String member, String value, Pattern pattern) {
        if (value != null && !pattern.matcher(value).matches()) {
            errors.add(describe(value, member) + "Member must satisfy regular expression pattern: "
                    + pattern.pattern());
        }
        return this;
    }

    /** An enum member: the value must be one of the allowed ones, listed as AWS lists them. */
    public Validation oneOf(String member, String value, Collection<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            errors.add(describe(value, member) + "Member must satisfy enum value set: " + allowed);
        }
        return this;
    }

    /** A violation the helpers above do not cover, worded by the caller after "failed to satisfy constraint: ". */
    public Validation constraint(String member, Object value, boolean ok, String constraint) {
        if (!ok) {
            errors.add(describe(value, member) + constraint);
        }
        return this;
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** Throws the collected violations as one error; does nothing when there are none. */
    public void orThrow() {
        if (!errors.isEmpty()) {
            throw error();
        }
    }

    public AwsException error() {
        int n = errors.size();
        String message = n + " validation error" + (n == 1 ? "" : "s") + " detected: " + String.join("; ", errors);
        return AwsException.client(exceptionCode, message);
    }

    private static String describe(Object value, String member) {
        return "Value '" + value + "' at '" + member + "' failed to satisfy constraint: ";
    }
}
