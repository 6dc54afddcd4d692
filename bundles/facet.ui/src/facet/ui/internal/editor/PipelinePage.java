package facet.ui.internal.editor;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import java.util.function.LongConsumer;

import org.eclipse.jface.fieldassist.ControlDecoration;
import org.eclipse.jface.fieldassist.FieldDecorationRegistry;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DropTarget;
import org.eclipse.swt.dnd.DropTargetAdapter;
import org.eclipse.swt.dnd.DropTargetEvent;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import facet.core.experiment.EarlyStoppingSpec;
import facet.core.experiment.ExperimentValidator;
import facet.core.experiment.OptimizerSpec;
import facet.core.experiment.ScheduleSpec;
import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.modules.ModuleSettings;
import facet.core.modules.ValidationProblem;
import facet.core.spi.BackboneFactory;
import facet.ui.internal.editor.ExperimentModel.Slot;
import facet.ui.internal.pipeline.ModuleDrop;
import facet.ui.internal.pipeline.PipelineDiagram;

/**
 * The experiment as a form, top to bottom in the order data flows: dataset, detector,
 * preprocessors, augmentations, backbone with its attention modules, head, loss terms, then the
 * training settings (optimizer, schedule, early stopping, epochs); a features → classifier
 * experiment has its feature stages and classifier in place of the network, and only a seed to
 * train with. Each module is a chooser of the installed ids of its kind with its
 * parameter form below. Structural edits (another module, an entry added, removed or moved)
 * rebuild the page; value edits only re-validate.
 */
public final class PipelinePage {

	private static final String NONE = "(none)";
	private static final String DECORATION = "facet.decoration";

	private final ScrolledComposite scrolled;
	private final ModuleRegistry registry;
	private final Runnable onChange;
	private Composite content;
	private ExperimentModel model;
	private Label problems;
	private final List<ParameterForm> forms = new ArrayList<>();
	private Font bold;
	private PipelineDiagram diagram;
	private final Map<ModuleKind, Group> groups = new EnumMap<>(ModuleKind.class);
	private Group training;
	/** The JSON path of the part being built, so that a failure names it. */
	private String building = "$";
	private String failure;

	public PipelinePage(Composite parent, ModuleRegistry registry, Runnable onChange) {
		this.registry = registry;
		this.onChange = onChange;
		scrolled = new ScrolledComposite(parent, SWT.V_SCROLL | SWT.H_SCROLL);
		scrolled.setExpandHorizontal(true);
		scrolled.setExpandVertical(true);
		scrolled.addListener(SWT.Resize, event -> updateMinSize());
		FontData[] data = parent.getFont().getFontData();
		for (FontData d : data) {
			d.setStyle(SWT.BOLD);
		}
		bold = new Font(parent.getDisplay(), data);
		scrolled.addDisposeListener(event -> bold.dispose());
		acceptDrops(scrolled);
	}

	/** Modules dragged from the Modules view land in their kind's place (see {@link ModuleDrop}). */
	private void acceptDrops(Control control) {
		DropTarget target = new DropTarget(control, DND.DROP_COPY | DND.DROP_DEFAULT);
		target.setTransfer(TextTransfer.getInstance());
		target.addDropListener(new DropTargetAdapter() {
			@Override
			public void dragEnter(DropTargetEvent event) {
				event.detail = model == null ? DND.DROP_NONE : DND.DROP_COPY;
			}

			@Override
			public void dragOperationChanged(DropTargetEvent event) {
				dragEnter(event);
			}

			@Override
			public void drop(DropTargetEvent event) {
				if (!(event.data instanceof String text) || !PipelinePage.this.drop(text)) {
					event.detail = DND.DROP_NONE;
				}
			}
		});
	}

	/**
	 * Adds the module a dragged text names to the experiment, where its kind belongs.
	 *
	 * @return whether the text named a module this page could add
	 */
	public boolean drop(String text) {
		Optional<ModuleDrop.Dropped> module = ModuleDrop.parse(text);
		if (model == null || module.isEmpty() || !ModuleDrop.fits(model, module.get().kind())) {
			return false;
		}
		List<String> stages = model.backbone == null ? List.of() : stages();
		ModuleDrop.apply(model, module.get(), stages);
		structureChanged();
		return true;
	}

	/**
	 * Why the last rebuild could not show the model as a form, naming the JSON path of the part
	 * that failed; null when it could.
	 */
	public String failure() {
		return failure;
	}

	/** What the top of the page lists as keeping the experiment from running; empty when nothing does. */
	public String problemsText() {
		return problems == null || problems.isDisposed() ? "" : problems.getText();
	}

	/** The diagram at the top of the page; for tests. */
	public PipelineDiagram diagram() {
		return diagram;
	}

	/** Scrolls to the settings of a part of the pipeline (a click on the diagram). */
	public void reveal(ModuleKind kind) {
		Group group = groups.get(kind);
		if (group == null || group.isDisposed()) {
			return;
		}
		scrolled.setOrigin(0, group.getBounds().y);
		Control[] children = group.getChildren();
		if (children.length > 0 && children[0] instanceof Composite row && row.getChildren().length > 0) {
			row.getChildren()[0].setFocus();
		} else if (children.length > 0) {
			children[0].setFocus();
		}
	}

	public Control control() {
		return scrolled;
	}

	/** Every parameter form on the page, in page order; for tests. */
	public List<ParameterForm> forms() {
		return forms;
	}

	/** Shows a model (after the text changed or the registry did). */
	public void setModel(ExperimentModel newModel) {
		this.model = newModel;
		rebuild();
	}

	/** Rebuilds the page from the model, keeping the scroll position. */
	public void rebuild() {
		Point origin = scrolled.getOrigin();
		scrolled.setRedraw(false);
		try {
			if (content != null) {
				content.dispose();
			}
			forms.clear();
			groups.clear();
			content = new Composite(scrolled, SWT.NONE);
			GridLayoutFactory.fillDefaults().margins(10, 10).spacing(6, 8).applyTo(content);
			scrolled.setContent(content);
			failure = null;
			if (model == null) {
				Label label = new Label(content, SWT.WRAP);
				label.setText("The file is not an experiment yet; see the Source page.");
			} else {
				try {
					building = "$";
					build();
				} catch (RuntimeException e) {
					// one part the form cannot show must not take the editor down; the source page still edits it all
					failure = building + ": cannot be shown in the form: " + e;
					for (Control child : content.getChildren()) {
						child.dispose();
					}
					forms.clear();
					groups.clear();
					diagram = null;
					problems = null;
					Label label = new Label(content, SWT.WRAP);
					label.setForeground(content.getDisplay().getSystemColor(SWT.COLOR_RED));
					label.setText(failure + "\nEdit the experiment on the Source page.");
					GridDataFactory.fillDefaults().grab(true, false).hint(400, SWT.DEFAULT).applyTo(label);
				}
			}
			updateMinSize();
			scrolled.setOrigin(origin);
		} finally {
			scrolled.setRedraw(true);
		}
	}

	private void updateMinSize() {
		if (content != null && !content.isDisposed()) {
			int width = scrolled.getClientArea().width;
			scrolled.setMinSize(content.computeSize(Math.max(width, 480), SWT.DEFAULT));
		}
	}

	private void build() {
		diagram = new PipelineDiagram(content, this::reveal);
		diagram.setModel(model);
		GridDataFactory.fillDefaults().hint(diagram.preferredSize()).applyTo(diagram.control());
		acceptDrops(content);
		acceptDrops(diagram.control());
		problems = new Label(content, SWT.WRAP);
		problems.setForeground(content.getDisplay().getSystemColor(SWT.COLOR_RED));
		GridDataFactory.fillDefaults().grab(true, false).hint(400, SWT.DEFAULT).applyTo(problems);

		Composite nameRow = new Composite(content, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(2).applyTo(nameRow);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(nameRow);
		new Label(nameRow, SWT.NONE).setText("Name");
		Text name = new Text(nameRow, SWT.BORDER);
		name.setText(model.name == null ? "" : model.name);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(name);
		name.addListener(SWT.Modify, event -> {
			model.name = name.getText();
			changed();
		});

		building = "$.dataset";
		single("Dataset", ModuleKind.DATASET, model.dataset, slot -> model.dataset = slot, false);
		building = "$.detector";
		single("Face detector", ModuleKind.DETECTOR, model.detector, slot -> model.detector = slot, true);
		building = "$.preprocessors";
		list("Preprocessors", ModuleKind.PREPROCESSOR, model.preprocessors);
		if (model.isTraditional()) {
			building = "$.features";
			list("Feature stages (in order; the last one's vector goes to the classifier)", ModuleKind.FEATURE, model.features);
			building = "$.classifier";
			single("Classifier", ModuleKind.CLASSIFIER, model.classifier, slot -> model.classifier = slot, false);
			building = "$.seed";
			traditionalTraining();
		} else {
			building = "$.augmentations";
			list("Augmentations", ModuleKind.AUGMENTATION, model.augmentations);
			building = "$.backbone";
			single("Backbone", ModuleKind.BACKBONE, model.backbone, slot -> model.backbone = slot, false);
			building = "$.backbone.attention";
			list("Attention modules (at backbone stages)", ModuleKind.ATTENTION, model.attention);
			building = "$.head";
			single("Head", ModuleKind.HEAD, model.head, slot -> model.head = slot, false);
			building = "$.loss";
			list("Loss terms (L = Σ weight · term)", ModuleKind.LOSS, model.loss);
			building = "$.optimizer";
			training();
		}
		building = "$";
		validate();
	}

	private Group group(String title) {
		Group group = new Group(content, SWT.NONE);
		group.setText(title);
		group.setFont(bold);
		GridLayoutFactory.fillDefaults().margins(6, 6).spacing(4, 6).applyTo(group);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(group);
		return group;
	}

	private void single(String title, ModuleKind kind, Slot slot, Consumer<Slot> replace, boolean optional) {
		Group group = group(title);
		groups.put(kind, group);
		acceptDrops(group);
		if (slot == null) {
			Combo chooser = chooser(group, kind, null, optional);
			chooser.addListener(SWT.Selection, event -> {
				if (!chooser.getText().equals(NONE)) {
					replace.accept(new Slot(kind, chooser.getText()));
					structureChanged();
				}
			});
			return;
		}
		entry(group, slot, null, optional ? () -> {
			replace.accept(null);
			structureChanged();
		} : null);
	}

	private void list(String title, ModuleKind kind, List<Slot> slots) {
		Group group = group(title);
		groups.put(kind, group);
		acceptDrops(group);
		for (Slot slot : slots) {
			entry(group, slot, slots, () -> {
				slots.remove(slot);
				structureChanged();
			});
		}
		Button add = new Button(group, SWT.PUSH);
		add.setText("Add " + kind.label());
		List<ModuleDescriptor> installed = registry.modules(kind);
		add.setEnabled(!installed.isEmpty());
		add.addListener(SWT.Selection, event -> {
			Slot slot = new Slot(kind, installed.get(0).id());
			if (kind == ModuleKind.ATTENTION) {
				slot.stage = stages().stream().findFirst().orElse("stage1");
			}
			slots.add(slot);
			structureChanged();
		});
	}

	/** One module: chooser, stage or weight, move and remove buttons, parameter form. */
	private void entry(Composite group, Slot slot, List<Slot> siblings, Runnable remove) {
		Composite row = new Composite(group, SWT.NONE);
		int columns = 1 + (slot.kind == ModuleKind.ATTENTION || slot.kind == ModuleKind.LOSS ? 2 : 0)
				+ (siblings != null ? 2 : 0) + (remove != null ? 1 : 0) + 1;
		GridLayoutFactory.fillDefaults().numColumns(columns).applyTo(row);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(row);
		Combo chooser = chooser(row, slot.kind, slot.id, false);
		chooser.addListener(SWT.Selection, event -> {
			if (!chooser.getText().equals(slot.id)) {
				slot.id = chooser.getText();
				// another module's parameters mean nothing to this one
				slot.params.clear();
				structureChanged();
			}
		});
		if (slot.kind == ModuleKind.ATTENTION) {
			new Label(row, SWT.NONE).setText("at stage");
			Combo stage = new Combo(row, SWT.DROP_DOWN);
			List<String> stages = stages();
			stage.setItems(stages.toArray(String[]::new));
			stage.setText(slot.stage == null ? "" : slot.stage);
			stage.addListener(SWT.Modify, event -> {
				slot.stage = stage.getText();
				changed();
			});
		} else if (slot.kind == ModuleKind.LOSS) {
			new Label(row, SWT.NONE).setText("weight");
			Text weight = new Text(row, SWT.BORDER);
			weight.setText(Double.toString(slot.weight));
			GridDataFactory.swtDefaults().hint(80, SWT.DEFAULT).applyTo(weight);
			number(weight, "a number", value -> slot.weight = value);
		}
		if (siblings != null) {
			int index = siblings.indexOf(slot);
			button(row, "▲", "Move up", index > 0, () -> move(siblings, index, index - 1));
			button(row, "▼", "Move down", index < siblings.size() - 1, () -> move(siblings, index, index + 1));
		}
		if (remove != null) {
			button(row, "✕", "Remove", true, remove);
		}
		Label description = new Label(row, SWT.NONE);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(description);
		Optional<ModuleDescriptor> module = registry.find(slot.kind, slot.id);
		if (module.isPresent()) {
			description.setText(module.get().name());
			description.setToolTipText(module.get().description());
			ParameterForm form = new ParameterForm(group, module.get(), slot.params, this::changed);
			GridDataFactory.fillDefaults().grab(true, false).applyTo(form.control());
			forms.add(form);
		} else {
			description.setText(registry.unknownMessage(slot.kind, slot.id));
			description.setForeground(content.getDisplay().getSystemColor(SWT.COLOR_RED));
		}
	}

	private Combo chooser(Composite parent, ModuleKind kind, String current, boolean optional) {
		Combo combo = new Combo(parent, SWT.READ_ONLY);
		List<String> ids = new ArrayList<>(registry.modules(kind).stream().map(ModuleDescriptor::id).toList());
		if (optional) {
			ids.add(0, NONE);
		}
		if (current != null && !ids.contains(current)) {
			ids.add(current);
		}
		combo.setItems(ids.toArray(String[]::new));
		combo.select(Math.max(0, ids.indexOf(current == null ? NONE : current)));
		combo.setData("kind", kind);
		GridDataFactory.swtDefaults().hint(150, SWT.DEFAULT).applyTo(combo);
		return combo;
	}

	private static void button(Composite parent, String text, String tip, boolean enabled, Runnable action) {
		Button button = new Button(parent, SWT.PUSH | SWT.FLAT);
		button.setText(text);
		button.setToolTipText(tip);
		button.setEnabled(enabled);
		button.addListener(SWT.Selection, event -> action.run());
	}

	private void move(List<Slot> slots, int from, int to) {
		slots.add(to, slots.remove(from));
		structureChanged();
	}

	private List<String> stages() {
		try {
			ModuleDescriptor backbone = registry.get(ModuleKind.BACKBONE, model.backbone.id);
			ModuleSettings settings = backbone.settings(model.backbone.params);
			return backbone.factory(BackboneFactory.class).stageNames(settings);
		} catch (Exception e) {
			// an unknown or misconfigured backbone has no stages to offer; the validator says why
			return List.of();
		}
	}

	/** Scrolls to the training settings (optimizer, schedule, early stopping, epochs). */
	public void revealTraining() {
		if (training != null && !training.isDisposed()) {
			scrolled.setOrigin(0, training.getBounds().y);
		}
	}

	private void training() {
		Group group = group("Training");
		training = group;
		GridLayoutFactory.fillDefaults().numColumns(6).margins(6, 6).spacing(8, 4).applyTo(group);
		OptimizerSpec o = model.optimizer;
		Combo optimizer = labelledCombo(group, "optimizer", OptimizerSpec.NAMES, o.name());
		optimizer.addListener(SWT.Selection, event -> {
			OptimizerSpec c = model.optimizer;
			model.optimizer = new OptimizerSpec(optimizer.getText(), c.learningRate(), c.momentum(), c.nesterov(), c.weightDecay(), c.gradientClip());
			changed();
		});
		number(labelledText(group, "learning rate", o.learningRate()), "a number > 0", v -> {
			OptimizerSpec c = model.optimizer;
			model.optimizer = new OptimizerSpec(c.name(), v, c.momentum(), c.nesterov(), c.weightDecay(), c.gradientClip());
		});
		number(labelledText(group, "momentum", o.momentum()), "a number in [0, 1)", v -> {
			OptimizerSpec c = model.optimizer;
			model.optimizer = new OptimizerSpec(c.name(), c.learningRate(), v, c.nesterov(), c.weightDecay(), c.gradientClip());
		});
		number(labelledText(group, "weight decay", o.weightDecay()), "a number ≥ 0", v -> {
			OptimizerSpec c = model.optimizer;
			model.optimizer = new OptimizerSpec(c.name(), c.learningRate(), c.momentum(), c.nesterov(), v, c.gradientClip());
		});
		number(labelledText(group, "gradient clip", o.gradientClip()), "a number ≥ 0 (0: off)", v -> {
			OptimizerSpec c = model.optimizer;
			model.optimizer = new OptimizerSpec(c.name(), c.learningRate(), c.momentum(), c.nesterov(), c.weightDecay(), v);
		});
		new Label(group, SWT.NONE).setText("nesterov");
		Button nesterov = new Button(group, SWT.CHECK);
		nesterov.setSelection(o.nesterov());
		nesterov.addListener(SWT.Selection, event -> {
			OptimizerSpec c = model.optimizer;
			model.optimizer = new OptimizerSpec(c.name(), c.learningRate(), c.momentum(), nesterov.getSelection(), c.weightDecay(), c.gradientClip());
			changed();
		});

		ScheduleSpec s = model.schedule;
		Combo schedule = labelledCombo(group, "schedule", ScheduleSpec.NAMES, s.name());
		schedule.addListener(SWT.Selection, event -> {
			ScheduleSpec c = model.schedule;
			model.schedule = new ScheduleSpec(schedule.getText(), c.warmupEpochs(), c.stepEpochs(), c.gamma(), c.patience());
			changed();
		});
		integer(labelledText(group, "warm-up epochs", s.warmupEpochs()), v -> {
			ScheduleSpec c = model.schedule;
			model.schedule = new ScheduleSpec(c.name(), (int) v, c.stepEpochs(), c.gamma(), c.patience());
		});
		integer(labelledText(group, "step epochs", s.stepEpochs()), v -> {
			ScheduleSpec c = model.schedule;
			model.schedule = new ScheduleSpec(c.name(), c.warmupEpochs(), (int) v, c.gamma(), c.patience());
		});
		number(labelledText(group, "gamma", s.gamma()), "a number in (0, 1]", v -> {
			ScheduleSpec c = model.schedule;
			model.schedule = new ScheduleSpec(c.name(), c.warmupEpochs(), c.stepEpochs(), v, c.patience());
		});
		integer(labelledText(group, "plateau patience", s.patience()), v -> {
			ScheduleSpec c = model.schedule;
			model.schedule = new ScheduleSpec(c.name(), c.warmupEpochs(), c.stepEpochs(), c.gamma(), (int) v);
		});
		EarlyStoppingSpec e = model.earlyStopping;
		Combo metric = labelledCombo(group, "early stopping on", EarlyStoppingSpec.METRICS, e.metric());
		metric.setData("earlyStopping.metric");
		metric.setToolTipText("The validation metric that picks the best checkpoint, drives the plateau schedule and, with a patience, stops training early");
		metric.addListener(SWT.Selection, event -> {
			model.earlyStopping = new EarlyStoppingSpec(metric.getText(), model.earlyStopping.patience());
			changed();
		});
		Text patience = labelledText(group, "stop after (epochs)", e.patience());
		patience.setToolTipText("Epochs without improvement of the metric before training stops; 0 never stops early");
		patience.setData("earlyStopping.patience");
		integer(patience, 0, 100_000, v -> model.earlyStopping = new EarlyStoppingSpec(model.earlyStopping.metric(), (int) v));
		integer(labelledText(group, "epochs", model.epochs), v -> model.epochs = (int) v);
		integer(labelledText(group, "batch size", model.batchSize), v -> model.batchSize = (int) v);
		integer(labelledText(group, "seed", model.seed), v -> model.seed = v);
	}

	/**
	 * A features → classifier model is fitted in one pass over the training split: there are no
	 * epochs, optimizer or schedule to set, only the seed of its random choices.
	 */
	private void traditionalTraining() {
		Group group = group("Training");
		training = group;
		GridLayoutFactory.fillDefaults().numColumns(2).margins(6, 6).spacing(8, 4).applyTo(group);
		Label note = new Label(group, SWT.WRAP);
		note.setText("A features → classifier model is fitted in one step on the training split (facet train runs it the same way); "
				+ "it has no epochs, optimizer, schedule or augmentations.");
		GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(400, SWT.DEFAULT).applyTo(note);
		Text seed = labelledText(group, "seed", model.seed);
		seed.setData("seed");
		integer(seed, 0, Long.MAX_VALUE, v -> model.seed = v);
	}

	private static Combo labelledCombo(Composite parent, String label, List<String> items, String value) {
		new Label(parent, SWT.NONE).setText(label);
		Combo combo = new Combo(parent, SWT.READ_ONLY);
		combo.setItems(items.toArray(String[]::new));
		combo.select(Math.max(0, items.indexOf(value)));
		return combo;
	}

	private static Text labelledText(Composite parent, String label, Object value) {
		new Label(parent, SWT.NONE).setText(label);
		Text text = new Text(parent, SWT.BORDER);
		text.setText(value instanceof Double d ? ParameterForm.textOf(d).replaceAll("\\.0$", "") : String.valueOf(value));
		GridDataFactory.fillDefaults().hint(90, SWT.DEFAULT).indent(6, 0).applyTo(text);
		return text;
	}

	private void number(Text text, String expected, DoubleConsumer set) {
		ControlDecoration decoration = decoration(text);
		text.addListener(SWT.Modify, event -> {
			try {
				double value = Double.parseDouble(text.getText().trim());
				if (!Double.isFinite(value)) {
					throw new NumberFormatException();
				}
				decoration.hide();
				set.accept(value);
				changed();
			} catch (NumberFormatException e) {
				decoration.setDescriptionText("expected " + expected + ", got \"" + text.getText() + "\"");
				decoration.show();
			}
		});
	}

	private void integer(Text text, LongConsumer set) {
		integer(text, Long.MIN_VALUE, Long.MAX_VALUE, set);
	}

	/** An integer field; a value outside [min, max] is marked and not taken, as a value that is no integer. */
	private void integer(Text text, long min, long max, LongConsumer set) {
		ControlDecoration decoration = decoration(text);
		text.setData(DECORATION, decoration);
		text.addListener(SWT.Modify, event -> {
			String expected = min == Long.MIN_VALUE ? "an integer" : max == Long.MAX_VALUE ? "an integer ≥ " + min : "an integer from " + min + " to " + max;
			try {
				long value = Long.parseLong(text.getText().trim());
				if (value < min || value > max) {
					throw new NumberFormatException();
				}
				set.accept(value);
				decoration.hide();
				changed();
			} catch (NumberFormatException e) {
				decoration.setDescriptionText("expected " + expected + ", got \"" + text.getText() + "\"");
				decoration.show();
			}
		});
	}

	/**
	 * The error marker of a training field, or null; for tests. The field is found by the key
	 * it carries as data ({@code earlyStopping.patience}).
	 */
	public Optional<ControlDecoration> marker(String key) {
		return find(content, key).map(t -> (ControlDecoration) t.getData(DECORATION));
	}

	/** The training field or chooser that carries this key as data; for tests. */
	public Optional<Control> field(String key) {
		return find(content, key).map(Control.class::cast);
	}

	private static Optional<Control> find(Composite parent, String key) {
		if (parent == null || parent.isDisposed()) {
			return Optional.empty();
		}
		for (Control child : parent.getChildren()) {
			if (key.equals(child.getData())) {
				return Optional.of(child);
			}
			if (child instanceof Composite c) {
				Optional<Control> found = find(c, key);
				if (found.isPresent()) {
					return found;
				}
			}
		}
		return Optional.empty();
	}

	private static ControlDecoration decoration(Control control) {
		ControlDecoration decoration = new ControlDecoration(control, SWT.LEFT | SWT.TOP);
		decoration.setImage(FieldDecorationRegistry.getDefault().getFieldDecoration(FieldDecorationRegistry.DEC_ERROR).getImage());
		decoration.hide();
		return decoration;
	}

	private void changed() {
		if (diagram != null && !diagram.control().isDisposed()) {
			diagram.setModel(model);
		}
		validate();
		onChange.run();
	}

	private void structureChanged() {
		onChange.run();
		// after the listeners ran: the rebuild disposes the control whose event got us here
		content.getDisplay().asyncExec(() -> {
			if (!scrolled.isDisposed()) {
				rebuild();
			}
		});
	}

	/** Lists what keeps the experiment from running, with JSON paths, at the top of the page. */
	public void validate() {
		if (problems == null || problems.isDisposed() || model == null) {
			return;
		}
		List<ValidationProblem> found;
		try {
			found = new ArrayList<>(new ExperimentValidator(registry).validate(model.toSpec()));
			if (model.isTraditional() && model.features.isEmpty()) {
				// the format refuses it too, but the validator takes the spec as given
				found.add(0, new ValidationProblem("$.features", "expected at least one feature extractor"));
			}
		} catch (RuntimeException e) {
			found = List.of(new ValidationProblem("$", e.getMessage()));
		}
		String text = found.isEmpty() ? ""
				: found.size() + (found.size() == 1 ? " problem" : " problems") + ":\n  "
						+ String.join("\n  ", found.stream().map(ValidationProblem::toString).toList());
		if (!text.equals(problems.getText())) {
			problems.setText(text);
			problems.requestLayout();
			updateMinSize();
		}
		for (ParameterForm form : forms) {
			if (!form.control().isDisposed()) {
				form.validate();
			}
		}
	}
}
