export interface PageRequest {
  /** 1-based. */
  page: number;
  pageSize: number;
}

export interface Paged<T> {
  items: T[];
  total: number;
}
