/**
 * Configuration from {@code LAKELET_*} environment variables mirrored by {@code -Dlakelet.*} properties.
 */
package io.lakelet.core.config;
