// A webpack 5 app: the component, as the README shows it; webpack finds the worker and the wasm.
import 'retention-kit/dashboard';
