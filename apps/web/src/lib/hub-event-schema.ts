/**
 * What the event client needs of the contract to read a stream: the event types to listen to and
 * the schema of their payloads. Its own module, loaded with the first subscription: zod and the
 * schemas stay out of the console's first load (see events.ts).
 */
export { HUB_EVENT_TYPES, HubEvent } from '@hybrid-hub/contract';
