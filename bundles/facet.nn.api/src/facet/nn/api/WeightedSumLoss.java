package facet.nn.api;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.loss.Loss;

/**
 * The joint loss {@code λ1·L1 + λ2·L2 + …} of an experiment's {@code loss.terms}: each term a
 * loss module with its weight, e.g. {@code λ1·Lcls + λ2·Lreg + λ3·Ldist}. A term that is a
 * {@link FacetLoss} gets the hooks ({@link #bind}, {@link #afterStep}, {@link #close}) passed on.
 */
public final class WeightedSumLoss extends FacetLoss {

	/** One weighted term. */
	public record Term(String id, double weight, Loss loss) {

		public Term {
			if (!(weight >= 0) || Double.isInfinite(weight)) {
				throw new IllegalArgumentException("loss term '" + id + "': weight must be a finite number ≥ 0, got " + weight);
			}
		}
	}

	private final List<Term> terms;

	public WeightedSumLoss(List<Term> terms) {
		super("joint-loss");
		if (terms.isEmpty()) {
			throw new IllegalArgumentException("a joint loss needs at least one term");
		}
		this.terms = List.copyOf(terms);
	}

	public List<Term> terms() {
		return terms;
	}

	@Override
	public boolean needsEmbedding() {
		return terms.stream().anyMatch(t -> t.loss() instanceof FacetLoss f && f.needsEmbedding());
	}

	@Override
	public void bind(Block network) {
		for (Term term : terms) {
			if (term.loss() instanceof FacetLoss f) {
				f.bind(network);
			}
		}
	}

	@Override
	public void afterStep(NDList labels, NDList predictions) {
		for (Term term : terms) {
			if (term.loss() instanceof FacetLoss f) {
				f.afterStep(labels, predictions);
			}
		}
	}

	/** Each term's state, framed by the term's id and length, so that a mismatch is named rather than misread. */
	@Override
	public void saveState(DataOutputStream out) throws IOException {
		out.writeInt(terms.size());
		for (Term term : terms) {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			if (term.loss() instanceof FacetLoss f) {
				try (DataOutputStream termOut = new DataOutputStream(bytes)) {
					f.saveState(termOut);
				}
			}
			out.writeUTF(term.id());
			out.writeInt(bytes.size());
			bytes.writeTo(out);
		}
	}

	@Override
	public void loadState(DataInputStream in) throws IOException {
		int count = in.readInt();
		if (count != terms.size()) {
			throw new IOException("the saved loss has " + count + " terms, this experiment's loss has " + terms.size());
		}
		for (Term term : terms) {
			String id = in.readUTF();
			if (!id.equals(term.id())) {
				throw new IOException("the saved loss has term '" + id + "' where this experiment's loss has '" + term.id() + "'");
			}
			byte[] bytes = in.readNBytes(in.readInt());
			if (term.loss() instanceof FacetLoss f) {
				try (DataInputStream termIn = new DataInputStream(new ByteArrayInputStream(bytes))) {
					f.loadState(termIn);
				}
			}
		}
	}

	@Override
	public void close() {
		for (Term term : terms) {
			if (term.loss() instanceof FacetLoss f) {
				f.close();
			}
		}
	}

	/** Each term's unweighted value, in order, for logging; the sum of weight × value is {@link #evaluate}. */
	public List<NDArray> evaluateTerms(NDList labels, NDList predictions) {
		List<NDArray> values = new ArrayList<>();
		for (Term term : terms) {
			values.add(term.loss().evaluate(labels, inputFor(term, predictions)));
		}
		return values;
	}

	@Override
	public NDArray evaluate(NDList labels, NDList predictions) {
		NDArray total = null;
		for (Term term : terms) {
			NDArray value = term.loss().evaluate(labels, inputFor(term, predictions)).mul((float) term.weight());
			total = total == null ? value : total.add(value);
		}
		return total;
	}

	private static NDList inputFor(Term term, NDList predictions) {
		// DJL's own losses read predictions.singletonOrThrow(): give them the logits alone
		return term.loss() instanceof FacetLoss ? predictions : new NDList(ClassifierHead.logits(predictions));
	}
}
