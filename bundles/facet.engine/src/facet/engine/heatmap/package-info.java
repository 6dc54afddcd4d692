/**
 * Heatmaps of expression networks, headless and reusable by the workbench: Grad-CAM and
 * Grad-CAM++ at any stage ({@link facet.engine.heatmap.GradCam}), the maps of each attention
 * module ({@link facet.engine.heatmap.AttentionMaps}), both for a trained run or the pretrained
 * model through {@link facet.engine.heatmap.ModelHeatmaps}; rendering as colour overlays on the
 * face crop and on the photo ({@link facet.engine.heatmap.HeatmapRenderer}); per-class means
 * ({@link facet.engine.heatmap.MeanHeatmaps}); and whether attention lands on the face
 * ({@link facet.engine.heatmap.FaceRegions}, {@link facet.engine.heatmap.FaceAttention},
 * {@link facet.engine.heatmap.FaceAttentionSummary}).
 */
package facet.engine.heatmap;
