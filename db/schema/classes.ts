// Tables of the classes capability (its issue fills this in).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ClassesTables {}
