/**
 * The DJL-typed contracts that Facet's network modules and its engine share. {@code facet.core}
 * knows no engine, so its factory interfaces are generic; the network modules instantiate them
 * with the types of this package:
 * <ul>
 * <li>{@code BackboneFactory<Block>} through {@link facet.nn.api.StagedBackboneFactory}, whose
 * {@code create} returns a {@link facet.nn.api.StagedBackbone};</li>
 * <li>{@code AttentionFactory<Block>} returning an {@link facet.nn.api.AttentionBlock};</li>
 * <li>{@code HeadFactory<Block>} returning a {@link facet.nn.api.ClassifierHead};</li>
 * <li>{@code LossFactory<FacetLoss>} returning a {@link facet.nn.api.FacetLoss}.</li>
 * </ul>
 * <h2>Layouts of the arrays that travel between them</h2>
 * <ul>
 * <li>Images: one {@code NDList} holding {@code (N, C, H, W)} float32.</li>
 * <li>Backbone output, head input: {@code (N, C, h, w)}, the output of stage {@code head-input}.</li>
 * <li>Head output, the network's predictions: {@code [logits (N, K)]} or, for a head with an
 * embedding, {@code [logits (N, K), embedding (N, D)]} (see {@link facet.nn.api.ClassifierHead}).</li>
 * <li>Labels: {@code [classes (N)]}, class indices in any numeric type, as DJL datasets give them.</li>
 * <li>A loss: {@code evaluate(labels, predictions)} returns a scalar.</li>
 * </ul>
 * The engine builds a network with {@link facet.nn.api.ExpressionNetwork}, composes the
 * experiment's loss terms with {@link facet.nn.api.WeightedSumLoss}, and reads attention maps
 * from {@link facet.nn.api.StagedBackbone#attentionBlocks()} after a forward pass.
 */
package facet.nn.api;
