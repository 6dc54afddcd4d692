package facet.ui.internal;

import org.eclipse.jface.action.IAction;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.ui.IWorkbenchActionConstants;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.actions.ActionFactory;
import org.eclipse.ui.actions.ActionFactory.IWorkbenchAction;
import org.eclipse.ui.actions.ContributionItemFactory;
import org.eclipse.ui.application.ActionBarAdvisor;
import org.eclipse.ui.application.IActionBarConfigurer;

import facet.ui.internal.plugins.InstallPluginAction;
import facet.ui.internal.plugins.UninstallPluginAction;

/**
 * File (with Install/Uninstall Module Plugin), Edit and Window (with Preferences) menus. Window &gt; Show View is there because a closed view is otherwise
 * lost until the perspective is reset.
 */
public class FacetActionBarAdvisor extends ActionBarAdvisor {

	private IWorkbenchAction quit;
	private IWorkbenchAction open;
	private IWorkbenchAction save;
	private IWorkbenchAction undo;
	private IWorkbenchAction redo;
	private IWorkbenchAction resetPerspective;
	private IWorkbenchAction preferences;
	private IAction installPlugin;
	private IAction uninstallPlugin;

	public FacetActionBarAdvisor(IActionBarConfigurer configurer) {
		super(configurer);
	}

	@Override
	protected void makeActions(IWorkbenchWindow window) {
		quit = ActionFactory.QUIT.create(window);
		register(quit);
		open = new OpenExperimentAction(window);
		register(open);
		save = ActionFactory.SAVE.create(window);
		register(save);
		undo = ActionFactory.UNDO.create(window);
		register(undo);
		redo = ActionFactory.REDO.create(window);
		register(redo);
		resetPerspective = ActionFactory.RESET_PERSPECTIVE.create(window);
		register(resetPerspective);
		preferences = ActionFactory.PREFERENCES.create(window);
		register(preferences);
		installPlugin = new InstallPluginAction(window);
		register(installPlugin);
		uninstallPlugin = new UninstallPluginAction(window);
		register(uninstallPlugin);
	}

	@Override
	protected void fillMenuBar(IMenuManager menuBar) {
		IWorkbenchWindow window = getActionBarConfigurer().getWindowConfigurer().getWindow();

		MenuManager file = new MenuManager("&File", IWorkbenchActionConstants.M_FILE);
		file.add(open);
		file.add(save);
		file.add(new Separator());
		file.add(installPlugin);
		file.add(uninstallPlugin);
		file.add(new Separator());
		file.add(quit);
		menuBar.add(file);

		MenuManager edit = new MenuManager("&Edit", IWorkbenchActionConstants.M_EDIT);
		edit.add(undo);
		edit.add(redo);
		menuBar.add(edit);

		MenuManager windowMenu = new MenuManager("&Window", IWorkbenchActionConstants.M_WINDOW);
		MenuManager showView = new MenuManager("Show &View", "showView");
		showView.add(ContributionItemFactory.VIEWS_SHORTLIST.create(window));
		windowMenu.add(showView);
		windowMenu.add(resetPerspective);
		windowMenu.add(new Separator());
		windowMenu.add(preferences);
		menuBar.add(windowMenu);
	}
}
