package io.lakelet.core.protocol;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * The restJson1 route of an SDK request class, read from the SDK's generated
 * {@code transform/<Operation>RequestMarshaller}: its static {@code OperationInfo} holds the HTTP method
 * and URI template the SDK sends. That class is internal SDK API, read here by reflection once per
 * operation at start-up; the SDK version is pinned and {@code RestJsonServiceTest} checks the table.
 */
final class SdkRoutes {
    private SdkRoutes() {
    }

    /** The route of {@code requestClass}; throws IllegalArgumentException when the SDK has none. */
    static RestRoute routeOf(Class<?> requestClass) {
        RestRoute route = routeOrNull(requestClass);
        if (route == null) {
            throw new IllegalArgumentException("no REST route found for " + requestClass.getName()
                    + " (expected a static OperationInfo in " + marshallerName(requestClass) + ")");
        }
        return route;
    }

    /** The route of {@code requestClass}, or null when its marshaller or operation info is missing. */
    static RestRoute routeOrNull(Class<?> requestClass) {
        Class<?> marshaller;
        try {
            marshaller = Class.forName(marshallerName(requestClass), false, requestClass.getClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
        for (Field f : marshaller.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType().getSimpleName().equals("OperationInfo")) {
                try {
                    f.setAccessible(true);
                    Object info = f.get(null);
                    Method httpMethod = info.getClass().getMethod("httpMethod");
                    Method requestUri = info.getClass().getMethod("requestUri");
                    Object method = httpMethod.invoke(info);
                    Object uri = requestUri.invoke(info);
                    if (method == null || uri == null) {
                        return null;
                    }
                    return RestRoute.of(method.toString(), uri.toString());
                } catch (ReflectiveOperationException | RuntimeException e) {
                    throw new IllegalStateException("cannot read the route of " + requestClass.getName(), e);
                }
            }
        }
        return null;
    }

    private static String marshallerName(Class<?> requestClass) {
        String pkg = requestClass.getPackageName();
        String base = pkg.endsWith(".model") ? pkg.substring(0, pkg.length() - ".model".length()) : pkg;
        return base + ".transform." + requestClass.getSimpleName() + "Marshaller";
    }
}
