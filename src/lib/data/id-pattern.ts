/** THE id rule of products, requirements and sources; ids from links and records are held to it. */
export const ID_PATTERN = /^[a-z0-9]+(?:[-.][a-z0-9]+)*$/;
