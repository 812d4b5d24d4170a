package dev.taskflight.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest, and the JDK running the tool. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {
            "jfr-analyze " + (version == null ? "(development build)" : version),
            "JDK " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")",
        };
    }
}
