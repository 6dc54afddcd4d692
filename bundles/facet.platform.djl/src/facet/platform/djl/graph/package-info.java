/**
 * Small inference networks run as one compiled graph of the engine (MXNet's cached operator)
 * rather than one native call per layer.
 */
package facet.platform.djl.graph;
