package facet.nn.backbones.internal;

/** ResNet-18: two basic blocks per stage. */
public class ResNet18Factory extends ResNetFactory {

	public ResNet18Factory() {
		super(2, 2, 2, 2);
	}
}
