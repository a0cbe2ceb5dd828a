/**
 * Finding the service of a request from its head: SigV4 scope, X-Amz-Target, Host, path.
 */
package io.lakelet.core.routing;
