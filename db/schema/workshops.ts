// Tables of the workshops capability (its issue fills this in).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface WorkshopsTables {}
