// A Vite app with no retention-kit-specific configuration: the component, as the README shows it.
import 'retention-kit/dashboard';
