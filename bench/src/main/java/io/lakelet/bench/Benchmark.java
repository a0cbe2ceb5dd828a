package io.lakelet.bench;

import java.util.List;

/**
 * One runnable benchmark, selected by its {@link #name()} on the command line. It reads its settings from
 * {@link Options}, runs, and hands every figure to the {@link Report}, so all benchmarks print alike.
 */
public interface Benchmark {

    /** The sub-command that runs it, e.g. {@code server}. */
    String name();

    /** One line for the usage text. */
    String description();

    /** The options it reads, as {@code --name=default  meaning} lines for the usage text. */
    List<String> optionHelp();

    void run(Options options, Report report) throws Exception;
}
