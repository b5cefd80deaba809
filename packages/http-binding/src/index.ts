/**
 * @hybrid-hub/http-binding — how the API's routes are answered by the engine, once for the BFF's
 * Express routers and the SPA's msw handlers alike.
 */
export {
  ENGINE_ROUTE_NAMES,
  engineRouteOf,
  engineRoutes,
  type BindingAnswer,
  type BindingInput,
  type EngineRoute,
  type EngineRouteName,
  type TransportRouteName,
} from './engine-routes.ts';
export { problemForError, type ProblemAnswer } from './problem-for-error.ts';
