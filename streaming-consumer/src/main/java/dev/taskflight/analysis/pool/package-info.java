/**
 * Pool identity: the {@code taskflight.PoolInfo} handler and the registry of pools.
 */
package dev.taskflight.analysis.pool;
