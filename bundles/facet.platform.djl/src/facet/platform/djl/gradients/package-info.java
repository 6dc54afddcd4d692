/**
 * Engine-specific helpers behind engine-neutral signatures, for callers that must not name an
 * engine class (facet.engine).
 */
package facet.platform.djl.gradients;
