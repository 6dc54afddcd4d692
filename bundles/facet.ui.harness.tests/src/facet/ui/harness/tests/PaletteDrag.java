package facet.ui.harness.tests;

import java.lang.reflect.Constructor;

import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DragSource;
import org.eclipse.swt.dnd.DragSourceEvent;
import org.eclipse.swt.dnd.DragSourceListener;
import org.eclipse.swt.dnd.DropTarget;
import org.eclipse.swt.dnd.DropTargetEvent;
import org.eclipse.swt.dnd.DropTargetListener;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;

/**
 * A drag from the Modules view onto the experiment editor, through the listeners that the two
 * parts registered with SWT: the palette's drag source says what travels, the editor's drop
 * target takes it. Only the native drag gesture is left out: X11 drag and drop cannot be driven
 * reliably with synthetic mouse events under Xvfb. SWT builds its drag and drop events from a
 * package-private class, so they are made here by reflection. Call on the UI thread.
 */
final class PaletteDrag {

	private PaletteDrag() {
	}

	/** What a drag of the palette's current selection carries, or null when the palette refuses to start the drag. */
	static String dragFrom(Control palette) throws ReflectiveOperationException {
		DragSource source = (DragSource) palette.getData(DND.DRAG_SOURCE_KEY);
		if (source == null) {
			throw new AssertionError(palette + " is no drag source");
		}
		DragSourceEvent start = dragSourceEvent(palette);
		start.doit = true;
		for (DragSourceListener listener : source.getDragListeners()) {
			listener.dragStart(start);
		}
		if (!start.doit) {
			return null;
		}
		DragSourceEvent setData = dragSourceEvent(palette);
		setData.dataType = TextTransfer.getInstance().getSupportedTypes()[0];
		for (DragSourceListener listener : source.getDragListeners()) {
			listener.dragSetData(setData);
		}
		return (String) setData.data;
	}

	/** Drops text on a control as a copy; returns whether the target accepted it. */
	static boolean dropOn(Control target, String text) throws ReflectiveOperationException {
		DropTarget dropTarget = (DropTarget) target.getData(DND.DROP_TARGET_KEY);
		if (dropTarget == null) {
			throw new AssertionError(target + " is no drop target");
		}
		DropTargetEvent enter = dropTargetEvent(target);
		enter.operations = DND.DROP_COPY;
		enter.detail = DND.DROP_DEFAULT;
		enter.currentDataType = TextTransfer.getInstance().getSupportedTypes()[0];
		for (DropTargetListener listener : dropTarget.getDropListeners()) {
			listener.dragEnter(enter);
		}
		if (enter.detail == DND.DROP_NONE) {
			return false;
		}
		DropTargetEvent drop = dropTargetEvent(target);
		drop.operations = DND.DROP_COPY;
		drop.detail = enter.detail;
		drop.currentDataType = enter.currentDataType;
		drop.data = text;
		for (DropTargetListener listener : dropTarget.getDropListeners()) {
			listener.drop(drop);
		}
		return drop.detail != DND.DROP_NONE;
	}

	private static DragSourceEvent dragSourceEvent(Control control) throws ReflectiveOperationException {
		Class<?> type = dndEventClass();
		return (DragSourceEvent) DragSourceEvent.class.getConstructor(type).newInstance(dndEvent(type, control));
	}

	private static DropTargetEvent dropTargetEvent(Control control) throws ReflectiveOperationException {
		Class<?> type = dndEventClass();
		return (DropTargetEvent) DropTargetEvent.class.getConstructor(type).newInstance(dndEvent(type, control));
	}

	private static Class<?> dndEventClass() throws ClassNotFoundException {
		return Class.forName("org.eclipse.swt.dnd.DNDEvent", true, DND.class.getClassLoader());
	}

	private static Event dndEvent(Class<?> type, Control control) throws ReflectiveOperationException {
		Constructor<?> constructor = type.getDeclaredConstructor();
		constructor.setAccessible(true);
		Event event = (Event) constructor.newInstance();
		event.widget = control;
		event.display = control.getDisplay();
		event.doit = true;
		return event;
	}
}
