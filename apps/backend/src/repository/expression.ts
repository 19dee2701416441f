/**
 * Builds DynamoDB update and condition expressions with placeholders for every name and value,
 * so no attribute name can collide with a reserved word and no value is ever spliced into text.
 */
export class Expression {
  private readonly names: Record<string, string> = {};
  /** Attribute to placeholder: each request builds one of these, so a lookup must not scan. */
  private readonly placeholders = new Map<string, string>();
  private readonly values: Record<string, unknown> = {};
  private valueCount = 0;
  private readonly sets: string[] = [];
  private readonly removes: string[] = [];
  private readonly conditions: string[] = [];

  /** The placeholder for an attribute name. */
  name(attribute: string): string {
    let placeholder = this.placeholders.get(attribute);
    if (placeholder === undefined) {
      placeholder = `#n${this.placeholders.size}`;
      this.placeholders.set(attribute, placeholder);
      this.names[placeholder] = attribute;
    }
    return placeholder;
  }

  /** The placeholder for a value. */
  value(value: unknown): string {
    const placeholder = `:v${this.valueCount++}`;
    this.values[placeholder] = value;
    return placeholder;
  }

  set(attribute: string, value: unknown): this {
    this.sets.push(`${this.name(attribute)} = ${this.value(value)}`);
    return this;
  }

  /** `SET attribute = <expression>`; the expression is built from this object's placeholders. */
  setTo(attribute: string, expression: string): this {
    this.sets.push(`${this.name(attribute)} = ${expression}`);
    return this;
  }

  remove(attribute: string): this {
    this.removes.push(this.name(attribute));
    return this;
  }

  /** Adds a condition; all conditions must hold. */
  when(condition: string): this {
    this.conditions.push(`(${condition})`);
    return this;
  }

  /** `attribute = value`, or `attribute_not_exists(attribute)` for an absent value. */
  equalsOrAbsent(attribute: string, value: unknown): string {
    return value === undefined ? `attribute_not_exists(${this.name(attribute)})` : `${this.name(attribute)} = ${this.value(value)}`;
  }

  /** The parts of an UpdateItem/PutItem/DeleteItem input. */
  toInput(): {
    UpdateExpression?: string;
    ConditionExpression?: string;
    ExpressionAttributeNames?: Record<string, string>;
    ExpressionAttributeValues?: Record<string, unknown>;
  } {
    const update = [this.sets.length ? `SET ${this.sets.join(', ')}` : '', this.removes.length ? `REMOVE ${this.removes.join(', ')}` : '']
      .filter(Boolean)
      .join(' ');
    return {
      ...(update ? { UpdateExpression: update } : {}),
      ...(this.conditions.length ? { ConditionExpression: this.conditions.join(' AND ') } : {}),
      ...(this.placeholders.size ? { ExpressionAttributeNames: this.names } : {}),
      ...(this.valueCount ? { ExpressionAttributeValues: this.values } : {}),
    };
  }
}
