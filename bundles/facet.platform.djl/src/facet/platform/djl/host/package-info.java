/**
 * Copies of engine arrays to the host that leave the engine's threading as they found it.
 */
package facet.platform.djl.host;
