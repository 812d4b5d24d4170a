/**
 * Where events come from: a {@code .jfr} file, checked from its chunk headers, read in two streaming passes ({@link dev.taskflight.analysis.source.FileAnalysis}).
 */
package dev.taskflight.analysis.source;
