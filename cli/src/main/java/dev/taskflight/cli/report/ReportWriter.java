package dev.taskflight.cli.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import dev.taskflight.analysis.report.AnalysisReport;
import dev.taskflight.analysis.report.PoolReport;
import dev.taskflight.cli.visual.EventPass;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.DoubleConsumer;

/**
 * Writes the self-contained HTML report: the page, its script and style, uPlot (from its WebJar) and
 * the recording's data, all inlined, so that it opens without a network.
 */
public final class ReportWriter {

    /** Recordings with at most this many polls in the drawn pools have every poll drawn. */
    public static final long MAX_POLLS_DRAWN = 200_000;
    static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";

    /**
     * What to draw.
     *
     * @param from the window's start, in epoch nanoseconds
     * @param to the window's end, in epoch nanoseconds
     * @param pool the only pool drawn, {@code null} for all
     * @param longPollNanos the long-poll warning threshold
     * @param criticalNanos the long-poll critical threshold
     * @param minDelayNanos scheduling delays listed from this long
     */
    public record Options(long from, long to, String pool, long longPollNanos, long criticalNanos,
            long minDelayNanos) {
    }

    private final Options options;

    /**
     * Creates a writer.
     *
     * @param options what to draw, not {@code null}
     */
    public ReportWriter(Options options) {
        this.options = options;
    }

    /**
     * Reads the recording once more and writes the page.
     *
     * @param report the analysis, not {@code null}
     * @param pass the recording, not {@code null}
     * @param out where the page goes, not {@code null}
     * @param progress told how far the pass is, not {@code null}
     * @throws IOException if it cannot be read or written
     */
    public void write(AnalysisReport report, EventPass pass, OutputStream out, DoubleConsumer progress)
            throws IOException {
        Set<String> pools = new LinkedHashSet<>();
        long polls = 0;
        for (PoolReport p : report.pools()) {
            if (options.pool() == null || options.pool().equals(p.name())) {
                pools.add(p.name());
                polls += p.pollEvents();
            }
        }
        boolean keepAll = polls <= MAX_POLLS_DRAWN;
        List<ReportCollector> slices = pass.runSliced(() -> new ReportCollector(options.from(), options.to(), pools,
                keepAll, options.minDelayNanos(), report.longPolls()), progress);
        ReportCollector data = slices.get(0);
        for (int i = 1; i < slices.size(); i++) {
            data.merge(slices.get(i));
        }
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        String page = resource("dev/taskflight/cli/report/report.html");
        int at = 0;
        for (String part : List.of("/*UPLOT_CSS*/", "/*REPORT_CSS*/", "/*DATA*/", "/*UPLOT_JS*/", "/*REPORT_JS*/")) {
            int i = page.indexOf(part, at);
            w.write(page, at, i - at);
            switch (part) {
                case "/*UPLOT_CSS*/": w.write(resource(UPLOT + "uPlot.min.css")); break;
                case "/*REPORT_CSS*/": w.write(resource("dev/taskflight/cli/report/report.css")); break;
                case "/*UPLOT_JS*/": w.write(scriptSafe(resource(UPLOT + "uPlot.iife.min.js"))); break;
                case "/*REPORT_JS*/": w.write(scriptSafe(resource("dev/taskflight/cli/report/report.js"))); break;
                default: data(report, data, w);
            }
            at = i + part.length();
        }
        w.write(page, at, page.length() - at);
        w.flush();
    }

    private void data(AnalysisReport report, ReportCollector data, Writer w) throws IOException {
        JsonFactory f = new JsonFactory();
        f.setCharacterEscapes(new HtmlSafe());
        JsonGenerator g = f.createGenerator(w);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        new ReportJson(g, options).write(report, data);
        g.flush();
    }

    /** Keeps an inlined script from ending its {@code <script>} element early. */
    static String scriptSafe(String js) {
        return js.replace("</script", "<\\/script");
    }

    static String resource(String name) {
        try (InputStream in = ReportWriter.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " (a broken jar)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Escapes {@code <}, {@code >} and {@code &} so that JSON is safe inside HTML. */
    private static final class HtmlSafe extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] escapes;

        HtmlSafe() {
            escapes = CharacterEscapes.standardAsciiEscapesForJSON();
            escapes['<'] = CharacterEscapes.ESCAPE_STANDARD;
            escapes['>'] = CharacterEscapes.ESCAPE_STANDARD;
            escapes['&'] = CharacterEscapes.ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }
}
