package dev.taskflight.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.HashMap;
import java.util.Map;
import jdk.jfr.Configuration;

/**
 * The settings profiles Taskflight ships, loaded from the classpath.
 *
 * <p>The same files are in the repository's {@code settings/} folder, for
 * {@code -XX:StartFlightRecording:settings=default,settings=settings/taskflight.jfc}. In process, a
 * recording gets the same layering from {@link #layered(String, Profile)}:
 * <pre>{@code
 * try (Recording r = new Recording(TaskflightSettings.layered("default", Profile.PRODUCTION))) {
 *     r.start();
 *     ...
 * }
 * }</pre>
 */
public final class TaskflightSettings {

    /** A Taskflight settings profile. */
    public enum Profile {
        /** Long polls (10 ms or more), long parks (1 ms or more), samples every second. */
        PRODUCTION("taskflight.jfc"),
        /** Every poll and park, every steal, samples every 100 ms. */
        TRACE("taskflight-trace.jfc"),
        /**
         * Every Taskflight event off: layered on a JDK configuration, JFR's own events are recorded while
         * Taskflight's recorder stays as dormant as with no recording.
         */
        OFF("taskflight-off.jfc");

        private final String fileName;

        Profile(String fileName) {
            this.fileName = fileName;
        }

        /**
         * Returns the name of the profile's {@code .jfc} file.
         *
         * @return the file name, such as {@code taskflight.jfc}, not {@code null}
         */
        public String fileName() {
            return fileName;
        }

        /**
         * Returns the classpath resource that holds the profile.
         *
         * @return the absolute resource name, not {@code null}
         */
        public String resource() {
            return "/dev/taskflight/events/" + fileName;
        }
    }

    private TaskflightSettings() {
    }

    /**
     * Loads a Taskflight profile from the classpath.
     *
     * @param profile the profile, not {@code null}
     * @return the configuration, holding settings for Taskflight events only, not {@code null}
     * @throws UncheckedIOException if the resource cannot be read or parsed
     */
    public static Configuration load(Profile profile) {
        try (InputStream in = TaskflightSettings.class.getResourceAsStream(profile.resource())) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("missing resource " + profile.resource()));
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return Configuration.create(reader);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new UncheckedIOException(new IOException("cannot parse " + profile.resource(), e));
        }
    }

    /**
     * Returns the settings of a JDK configuration with a Taskflight profile layered on top, as
     * {@code -XX:StartFlightRecording:settings=<jdk>,settings=<taskflight>} would.
     *
     * @param jdkConfiguration the JDK configuration's name, such as {@code default} or
     *        {@code profile}, not {@code null}
     * @param profile the Taskflight profile, not {@code null}
     * @return a new, modifiable map of settings, not {@code null}
     * @throws UncheckedIOException if the Taskflight profile cannot be read
     * @throws IllegalArgumentException if the JDK has no configuration of that name
     */
    public static Map<String, String> layered(String jdkConfiguration, Profile profile) {
        Map<String, String> settings = new HashMap<>();
        try {
            settings.putAll(Configuration.getConfiguration(jdkConfiguration).getSettings());
        } catch (IOException | ParseException e) {
            throw new IllegalArgumentException("no JDK configuration named " + jdkConfiguration, e);
        }
        settings.putAll(load(profile).getSettings());
        return settings;
    }
}
