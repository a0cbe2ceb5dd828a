package io.lakelet.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One load configuration: protocol, body encoding, connections and concurrent streams per connection.
 * Written on the command line as {@code h1-json-16} (16 keep-alive HTTP/1.1 connections) or
 * {@code h2c-cbor-4x16} (4 HTTP/2 prior-knowledge connections with 16 streams in flight on each).
 */
public record Scenario(Protocol protocol, String body, int connections, int streams) {

    public enum Protocol {
        HTTP1("HTTP/1.1"), H2C("h2c");

        private final String label;

        Protocol(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public Scenario {
        if (connections < 1 || streams < 1) {
            throw new IllegalArgumentException("connections and streams must be at least 1");
        }
        if (protocol == Protocol.HTTP1 && streams != 1) {
            throw new IllegalArgumentException("HTTP/1.1 has one request in flight per connection (no pipelining)");
        }
    }

    /** Requests in flight at any time. */
    public int concurrency() {
        return connections * streams;
    }

    public static Scenario parse(String spec) {
        String[] parts = spec.trim().toLowerCase(Locale.ROOT).split("-");
        if (parts.length != 3) {
            throw new IllegalArgumentException("a scenario is <h1|h2c>-<json|cbor>-<connections>[x<streams>], not '" + spec + "'");
        }
        Protocol protocol = switch (parts[0]) {
            case "h1", "http1" -> Protocol.HTTP1;
            case "h2c", "h2" -> Protocol.H2C;
            default -> throw new IllegalArgumentException("unknown protocol '" + parts[0] + "' in '" + spec + "'");
        };
        String body = parts[1];
        if (!body.equals("json") && !body.equals("cbor")) {
            throw new IllegalArgumentException("unknown body encoding '" + body + "' in '" + spec + "'");
        }
        String[] cm = parts[2].split("x");
        int connections = Integer.parseInt(cm[0]);
        int streams = cm.length > 1 ? Integer.parseInt(cm[1]) : 1;
        return new Scenario(protocol, body, connections, streams);
    }

    public static List<Scenario> parseList(String specs) {
        List<Scenario> out = new ArrayList<>();
        for (String s : specs.split("[,\\s]+")) {
            if (!s.isBlank()) {
                out.add(parse(s));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return (protocol == Protocol.HTTP1 ? "h1" : "h2c") + "-" + body + "-" + connections
                + (protocol == Protocol.H2C ? "x" + streams : "");
    }
}
