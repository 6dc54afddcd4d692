package facet.nn.backbones.internal;

/** ResNet-34: 3, 4, 6 and 3 basic blocks per stage. */
public class ResNet34Factory extends ResNetFactory {

	public ResNet34Factory() {
		super(3, 4, 6, 3);
	}
}
