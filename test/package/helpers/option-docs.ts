// Finds the public option members whose TSDoc lacks `@default` or a fenced
// `@example`: the options types reachable from a package's entry points.
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';

/** One option member short of documentation, as `Type.member: missing @tag`. */
export type MissingTag = string;

/** The source files to read, every `.ts` under these folders (types only: imports are not followed). */
export function sourceFiles(root: string, folders: string[]): string[] {
  return folders.flatMap((folder) =>
    readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'))
      .map((file) => resolve(root, folder, file)));
}

/**
 * Walks the public declarations of `entries` (exports, the signatures of
 * exported functions and of public class members, the types they name, and
 * so on) for interfaces and type aliases named `…Options` and for inline
 * `options` parameters, and lists their public members lacking a tag.
 */
export function missingOptionTags(entries: string[], files: string[]): MissingTag[] {
  // Resolving only among the given files keeps this fast: no node_modules types.
  const program = ts.createProgram([...new Set([...entries, ...files])], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2023.d.ts'],
    types: [],
    noResolve: true,
    noEmit: true,
    strict: true,
  });
  const checker = program.getTypeChecker();
  const ours = new Set(files.map((file) => resolve(file)));
  const seen = new Set<ts.Node>();
  const optionTypes = new Map<string, ts.Type>();
  const missing: MissingTag[] = [];

  const visitSymbol = (symbol: ts.Symbol | undefined): void => {
    if (!symbol) return;
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    for (const declaration of target.declarations ?? []) {
      if (ours.has(resolve(declaration.getSourceFile().fileName))) visitDeclaration(declaration);
    }
  };

  // Type references lead to further declarations; bodies and initializers are not public.
  const visitTypes = (node: ts.Node | undefined): void => {
    if (!node) return;
    if (ts.isTypeReferenceNode(node)) visitSymbol(checker.getSymbolAtLocation(node.typeName));
    if (ts.isExpressionWithTypeArguments(node)) visitSymbol(checker.getSymbolAtLocation(node.expression));
    if (ts.isTypeQueryNode(node)) visitSymbol(checker.getSymbolAtLocation(node.exprName));
    ts.forEachChild(node, (child) => {
      if (!ts.isBlock(child)) visitTypes(child);
    });
  };

  const visitSignature = (name: string, node: ts.SignatureDeclaration): void => {
    for (const parameter of node.parameters) {
      if (parameter.type && ts.isTypeLiteralNode(parameter.type) && /^options$/i.test(parameter.name.getText())) {
        optionTypes.set(`${name}(${parameter.name.getText()})`, checker.getTypeAtLocation(parameter.type));
      }
      visitTypes(parameter.type);
    }
    visitTypes(node.type);
    node.typeParameters?.forEach(visitTypes);
  };

  function visitDeclaration(declaration: ts.Declaration): void {
    if (seen.has(declaration) || isInternal(declaration)) return;
    seen.add(declaration);
    if (ts.isInterfaceDeclaration(declaration) || ts.isTypeAliasDeclaration(declaration)) {
      const name = declaration.name.text;
      if (name.endsWith('Options')) optionTypes.set(name, checker.getDeclaredTypeOfSymbol(checker.getSymbolAtLocation(declaration.name)!));
      visitTypes(declaration);
    } else if (ts.isFunctionDeclaration(declaration)) {
      visitSignature(declaration.name?.text ?? 'default', declaration);
    } else if (ts.isClassDeclaration(declaration)) {
      declaration.heritageClauses?.forEach(visitTypes);
      for (const member of declaration.members) {
        if (isInternal(member) || !isPublic(member)) continue;
        const memberName = `${declaration.name?.text ?? 'default'}.${member.name?.getText() ?? 'constructor'}`;
        if (ts.isConstructorDeclaration(member) || ts.isMethodDeclaration(member) || ts.isGetAccessor(member) || ts.isSetAccessor(member)) {
          visitSignature(memberName, member);
        } else if (ts.isPropertyDeclaration(member)) {
          visitTypes(member.type);
        }
      }
    } else if (ts.isVariableDeclaration(declaration)) {
      visitTypes(declaration.type);
    } else if (ts.isExportSpecifier(declaration) || ts.isExportAssignment(declaration)) {
      visitSymbol(checker.getSymbolAtLocation(ts.isExportSpecifier(declaration) ? declaration.name : declaration.expression));
    }
  }

  for (const entry of entries) {
    const module = checker.getSymbolAtLocation(program.getSourceFile(resolve(entry))!)!;
    checker.getExportsOfModule(module).forEach(visitSymbol);
  }

  // A member is reported once, under the type that declares it (an inherited one is checked there).
  const checked = new Set<ts.Declaration>();
  for (const [typeName, type] of optionTypes) {
    for (const property of checker.getPropertiesOfType(type)) {
      const declaration = property.declarations?.find((node) => ours.has(resolve(node.getSourceFile().fileName)));
      if (!declaration || isInternal(declaration) || checked.has(declaration)) continue;
      checked.add(declaration);
      const owner = declaration.parent;
      const ownerName = (ts.isInterfaceDeclaration(owner) || ts.isClassDeclaration(owner)) && owner.name ? owner.name.text : typeName;
      const member = `${ownerName}.${property.name}`;
      const tags = ts.getJSDocTags(declaration);
      const tag = (tagName: string) => tags.find((found) => found.tagName.text === tagName);
      if (!tag('default')) missing.push(`${member}: missing @default`);
      const example = tag('example');
      if (!example) missing.push(`${member}: missing @example`);
      else if (!/```ts\n[^]*\n```/.test(ts.getTextOfJSDocComment(example.comment) ?? '')) {
        missing.push(`${member}: @example is not a fenced \`\`\`ts block`);
      }
    }
  }
  return missing.sort();
}

// As `stripInternal` decides: an `@internal` tag leaves the declaration out of the published types.
function isInternal(node: ts.Node): boolean {
  const holder = ts.isVariableDeclaration(node) ? node.parent.parent : node;
  return ts.getJSDocTags(holder).some((tag) => tag.tagName.text === 'internal');
}

// Protected members are published too: a subclass sees them.
function isPublic(member: ts.ClassElement): boolean {
  if (member.name && ts.isPrivateIdentifier(member.name)) return false;
  return !(ts.getCombinedModifierFlags(member as ts.Declaration) & ts.ModifierFlags.Private);
}
