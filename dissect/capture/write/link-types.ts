/** The link types the writers produce (tcpdump.org "Link-layer header types", LINKTYPE_*). */
export const LINK_TYPES = {
  ethernet: 1,
  'linux-sll2': 276,
} as const;

export type LinkTypeName = keyof typeof LINK_TYPES;
