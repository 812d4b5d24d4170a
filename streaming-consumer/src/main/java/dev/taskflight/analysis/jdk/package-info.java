/**
 * What the JDK's own events say without Taskflight: pool threads' parks and CPU, virtual-thread pinning.
 */
package dev.taskflight.analysis.jdk;
