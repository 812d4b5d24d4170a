/**
 * Not API: helpers shared by the engine's packages (bounded structures, field reading, handler dispatch).
 */
package dev.taskflight.analysis.internal;
