/**
 * The agent's presence: the {@code taskflight.AgentInfo} handler and what it tells.
 */
package dev.taskflight.analysis.agent;
