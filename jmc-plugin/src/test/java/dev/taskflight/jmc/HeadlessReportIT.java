package dev.taskflight.jmc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskflight.jmc.recordings.TestRecordings;
import dev.taskflight.jmc.recordings.TestRecordings.Sample;
import java.io.File;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * JMC's headless report, {@code JfrRulesReport}, run as documented: a plain {@code java -cp} of the
 * JMC core jars and the packaged plugin jar, which its ServiceLoader finds the rules in.
 */
class HeadlessReportIT {

    @Test
    void theHeadlessReportListsTheTaskflightRulesWithTheirResults() throws Exception {
        Map<String, JsonNode> rules = report(TestRecordings.get(Sample.PATHOLOGIES));

        assertThat(rules).containsKeys("TaskflightLongPoll", "TaskflightIdleWorker", "TaskflightSchedulingDelay",
                "TaskflightQueueBacklog", "TaskflightImbalance");
        assertThat(rules.get("TaskflightLongPoll").get("severity").asText()).isEqualTo("Warning");
        assertThat(rules.get("TaskflightLongPoll").get("summary").asText())
                .contains("Pool lp-cpu", "worker 0", "Workload.spinInDistinctiveMethod");
        assertThat(rules.get("TaskflightSchedulingDelay").get("severity").asText()).isEqualTo("Information");
        assertThat(rules.get("TaskflightQueueBacklog").get("summary").asText()).contains("Pool backlog");
        assertThat(rules.get("TaskflightImbalance").get("score").asDouble()).isBetween(75.0, 100.0);
    }

    @Test
    void aRecordingWithoutTaskflightEventsListsNoTaskflightRule() throws Exception {
        // The XML format: JMC's JSON transform writes a trailing comma when a report lists no rule.
        String xml = run(TestRecordings.get(Sample.NO_TASKFLIGHT), "xml");
        NodeList ids = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(xml))).getElementsByTagName("id");
        List<String> listed = new ArrayList<>();
        for (int i = 0; i < ids.getLength(); i++) {
            listed.add(ids.item(i).getTextContent());
        }

        // Not applicable results are below the report's default minimum severity (OK), so not listed; the
        // rules that read the JDK's events only are applicable to any recording.
        assertThat(listed).filteredOn(id -> id.startsWith("Taskflight") && !id.equals("TaskflightPinnedCarrier")
                && !id.equals("TaskflightPoolThreadBlocking") && !id.equals("TaskflightUnseenWork")).isEmpty();
        // the program's main thread ran application code that no pool covers: the report says so
        assertThat(listed).contains("TaskflightUnseenWork");
    }

    private static Map<String, JsonNode> report(Path recording) throws Exception {
        JsonNode reports = new ObjectMapper().readTree(run(recording, "json"));
        Map<String, JsonNode> rules = new HashMap<>();
        reports.get(0).get("rules").forEach(r -> rules.put(r.get("id").asText(), r));
        return rules;
    }

    private static String run(Path recording, String format) throws Exception {
        List<String> classpath = new ArrayList<>();
        PackagedJar.jmcCoreJars().forEach(p -> classpath.add(p.toString()));
        classpath.add(PackagedJar.pluginJar().toString());
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        Path err = Files.createTempFile("jfr-rules-report", ".err");
        Process p = new ProcessBuilder(java.toString(), "-cp", String.join(File.pathSeparator, classpath),
                "org.openjdk.jmc.flightrecorder.rules.report.JfrRulesReport", "-format", format,
                recording.toString()).redirectError(err.toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(err)).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }
}
